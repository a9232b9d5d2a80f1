using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Evaluation;

/// <summary>
/// The IMACS 2023 cancer risk on the cancer-screening item, through the real rules: what counts, what could raise
/// the category, and that a withheld item stays out of the batch lists too.
/// </summary>
public sealed class RiskStratificationTests
{
    /// <summary>Anti-HMGCR IMNM, the extended panel not done, with the clinical findings given (moderate weakness).</summary>
    private static Case AntiHmgcrAdult(double ageYears, params (string Field, object Value)[] clinical) =>
        Case.WithCk(6000, uln: 200).Patient(sex: Sex.Female, ageYears: ageYears)
            .Clinical([("proximalWeakness", WeaknessGrade.Moderate), .. clinical])
            .Antibodies(AntibodyResult.Positive, AntibodyResult.Negative, others: null).Statin(StatinExposure.Never);

    private static WorkupItem Screening(Findings findings) =>
        RealRuleset.Engine.Assess(findings).Workup.Should().ContainSingle(w => w.Id == WorkupId.CancerScreening).Which;

    [Fact]
    public void Assess_OneHighRiskFactorAndPanelAbsent_ListsOnlyHighRiskUnknownsAsCouldRaise()
    {
        // Moderate (age over 40 at onset); high needs a second high-risk factor, so an unknown anti-TIF1-gamma
        // could raise it, but an unknown anti-SAE1 (intermediate) could not.
        var findings = AntiHmgcrAdult(60, ("symptomOnsetYearsAgo", 1.0), ("dysphagia", false)).Build();

        var item = Screening(findings);

        item.RiskCategory.Should().Be("moderate");
        item.RiskFactorsCouldRaise!.Select(f => f.Id).Should().Contain("anti-tif1g").And.NotContain("anti-sae1");
        item.RiskFactorsCouldRaise!.Single(f => f.Id == "anti-tif1g").Fields.Should().Equal("antibodies.otherMyositisSpecific");
        item.RiskFactorsCouldRaise!.Single(f => f.Id == "cutaneous-ulceration").Fields.Should().BeEmpty("no finding records it");
    }

    [Fact]
    public void Assess_NothingKnownAboutTheFactors_IsStandardNeverAssumedHigher()
    {
        var findings = AntiHmgcrAdult(60).Build();

        var answer = RealRuleset.Engine.Assess(findings);
        var item = answer.Workup.Single(w => w.Id == WorkupId.CancerScreening);

        item.RiskCategory.Should().Be("standard", "an unknown factor counts as absent");
        item.RiskFactors!.Select(f => f.Id).Should().Equal("anti-hmgcr");
        item.RiskFactorsCouldRaise!.Select(f => f.Id).Should().Contain(["age-over-40-at-onset", "dysphagia", "anti-tif1g", "anti-sae1"]);
        answer.Missing.Select(m => m.Field).Should().Contain(["clinical.symptomOnsetYearsAgo", "clinical.dysphagia", "antibodies.otherMyositisSpecific"]);
    }

    [Fact]
    public void Assess_HighRisk_HasNothingThatCouldRaiseIt()
    {
        var findings = AntiHmgcrAdult(60, ("symptomOnsetYearsAgo", 1.0), ("dysphagia", true)).Build();

        var item = Screening(findings);

        item.RiskCategory.Should().Be("high");
        item.RiskFactorsCouldRaise.Should().BeEmpty();
        item.Schedule!.Select(s => s.Id).Should().Contain("repeat-yearly-3-years");
    }

    [Fact]
    public void Assess_AgeAtOrBelow40_RulesOutOnsetOver40WithoutTheOnset()
    {
        var findings = AntiHmgcrAdult(38).Build();

        var item = Screening(findings);

        item.RiskFactorsCouldRaise!.Select(f => f.Id).Should().NotContain("age-over-40-at-onset", "onset cannot be later than today");
    }

    [Fact]
    public void Assess_NotPregnant_ShowsNoPregnancyCaution()
    {
        var findings = AntiHmgcrAdult(30).Patient(sex: Sex.Female, ageYears: 30, pregnant: false).Build();

        Screening(findings).Cautions.Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_Child_CancerScreeningIsNeitherListedNorOutstandingInBatchLists()
    {
        var findings = AntiHmgcrAdult(10, ("symptomOnsetYearsAgo", 1.0)).Build();

        var decisions = RealRuleset.Engine.Evaluate(findings);
        Span<WorkupId> outstanding = stackalloc WorkupId[Engine.Evaluation.CaseDecisions.MaxWorkup];
        var count = decisions.CopyOutstandingWorkup(outstanding);

        outstanding[..count].ToArray().Should().NotContain(WorkupId.CancerScreening);
        var answer = RealRuleset.Engine.Assess(findings);
        answer.Workup.Should().NotContain(w => w.Id == WorkupId.CancerScreening);
        answer.Subtype.Because.Should().Contain(b => b.RuleId == "workup.cancer-screening.not-for-children");
    }

    [Fact]
    public void Assess_AdultWithoutAStratifiedItem_CarriesNoRiskFields()
    {
        var answer = RealRuleset.Engine.Assess(AntiHmgcrAdult(60).Build());

        answer.Workup.Where(w => w.Id != WorkupId.CancerScreening).Should().OnlyContain(w => w.RiskCategory == null && w.RiskFactors == null);
    }
}
