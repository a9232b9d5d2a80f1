using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Assessments;

/// <summary>The answer's first line: subtype and certainty, the critical alerts, the next required step, in words from the ruleset.</summary>
public sealed class SummaryTests
{
    private static Assessment Assess(Case @case) => RealRuleset.Engine.Assess(@case.Build());

    private static Case SrpWithDysphagia() =>
        Case.WithCk(9000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, [])
            .Clinical(("proximalWeakness", WeaknessGrade.Severe), ("onset", Onset.Subacute), ("dysphagia", true), ("respiratoryWeakness", true))
            .Patient(Sex.Female, ageYears: 41, weightKg: 58);

    [Fact]
    public void Summary_CriticalCase_NamesSubtypeCertaintyEveryCriticalAlertAndTheNextStep()
    {
        var answer = Assess(SrpWithDysphagia());
        var wording = RealRuleset.Ruleset.SummaryWording;

        answer.Summary.Should().StartWith(answer.Subtype.Label + ", " + wording.Certainty[answer.Subtype.Certainty]);
        var critical = answer.Alerts.Where(a => a.Severity == AlertSeverity.Critical).ToList();
        critical.Select(a => a.Id).Should().Contain([AlertId.Dysphagia, AlertId.RespiratoryWeakness]);
        answer.Summary.Should().Contain("; " + wording.Critical + string.Join(", ", critical.Select(a => wording.Alerts[a.Id])) + "; ");
        answer.Summary.Should().Contain(wording.Next).And.EndWith(".");
        answer.Summary.Count(c => c == '.').Should().Be(1, "the summary is one sentence");
    }

    [Fact]
    public void Summary_StatinExposedHmgcr_NextStepIsTheImmediateTreatment()
    {
        var answer = Assess(Case.WithCk(8400, uln: 200).Antibodies(AntibodyResult.Positive, AntibodyResult.Negative, [])
            .Statin(StatinExposure.Current).Weakness(WeaknessGrade.Moderate, Onset.Subacute).Patient(Sex.Male, ageYears: 62, weightKg: 80));

        var immediate = answer.Treatment.First(t => t.Role == TreatmentRole.Immediate && !t.Avoid);
        answer.Summary.Should().EndWith("; " + RealRuleset.Ruleset.SummaryWording.Next + immediate.Label + ".");
        answer.Summary.Should().NotContain(RealRuleset.Ruleset.SummaryWording.Critical, "no alert is critical");
    }

    [Fact]
    public void Summary_NothingKnownButCk_NamesTheFirstRequiredWorkupItem()
    {
        var answer = Assess(Case.WithCk(5000, uln: 200));

        var required = answer.Workup.First(w => w.Priority == WorkupPriority.Required && w.Status == WorkupStatus.Outstanding);
        answer.Summary.Should().Be(answer.Subtype.Label + "; " + RealRuleset.Ruleset.SummaryWording.Next + required.Label + ".",
            "insufficient data is not graded, so no certainty phrase is said");
    }

    [Fact]
    public void Summary_IsTheFirstPropertyAfterTheIds_ThenTheAlerts()
    {
        var json = JsonSerializer.SerializeToElement(Assess(SrpWithDysphagia()), ImnmJson.Options);

        json.EnumerateObject().Select(p => p.Name).Take(4).Should().Equal("assessmentId", "summary", "alerts", "subtype");
    }

    [Fact]
    public void SummaryWording_NamesEveryAlertAndCertainty()
    {
        var wording = RealRuleset.Ruleset.SummaryWording;

        wording.Alerts.Keys.Should().BeEquivalentTo(Enum.GetValues<AlertId>());
        wording.Certainty.Keys.Should().BeEquivalentTo(Enum.GetValues<Certainty>());
    }
}
