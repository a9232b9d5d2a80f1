using System.Text;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Tests.Batch;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Evaluation;

/// <summary>
/// The evaluator decides most rules with compiled conditions, a whole kind at a time; it must give exactly what
/// walking every condition's tree gives (the same rules loaded again and never compiled).
/// </summary>
public sealed class CompiledEvaluationTests
{
    [Fact]
    public void Evaluate_GeneratedCohort_CompiledAndWalkedRulesGiveTheSameEvaluation()
    {
        var compiled = new Evaluator(RealRuleset.Ruleset);
        var walked = new Evaluator(RulesetLoader.Load(Repository.RulesFolder), compile: false);
        var fromCompiled = compiled.CreateDecisions();
        var fromWalked = walked.CreateDecisions();
        var compared = 0;
        var subtypes = new HashSet<SubtypeCode>();
        foreach (var line in BatchHarness.Generate(BatchFormat.Ndjson, 20_000, seed: 23, invalidFraction: 0).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!FindingsJson.TryParse(Encoding.UTF8.GetBytes(line), out var findings, out _) || !FindingsPrecheck.IsValid(findings))
            {
                continue;
            }

            var values = findings.Values;
            compiled.Evaluate(values, fromCompiled);
            walked.Evaluate(values, fromWalked);

            Describe(fromCompiled).Should().Be(Describe(fromWalked), line);
            subtypes.Add(fromCompiled.Subtype);
            compared++;
        }

        compared.Should().BeGreaterThan(19_000);
        subtypes.Should().HaveCount(Enum.GetValues<SubtypeCode>().Length, "the cohort must reach every subtype");
    }

    private static string Describe(CaseDecisions e)
    {
        Span<AlertId> alerts = stackalloc AlertId[CaseDecisions.MaxAlerts];
        Span<WorkupId> workup = stackalloc WorkupId[CaseDecisions.MaxWorkup];
        Span<TreatmentId> treatment = stackalloc TreatmentId[CaseDecisions.MaxTreatment];
        Span<bool> avoid = stackalloc bool[CaseDecisions.MaxTreatment];
        var alertCount = e.CopyAlerts(alerts);
        var workupCount = e.CopyOutstandingWorkup(workup);
        var treatmentCount = e.CopyTreatment(treatment, avoid);
        return string.Join(" / ",
            e.Subtype, e.Certainty, e.MissingFields, e.SubtypeRule?.Id, e.CertaintyRule?.Id,
            string.Join(",", e.AlertFired), string.Join(",", e.TreatmentFired), string.Join(",", e.WorkupFired),
            string.Join(";", e.CautionTruths.Select(t => string.Join(",", t))),
            string.Join(";", e.Stratifications.OfType<StratificationOutcome>().Select(s => $"{s.Category}:{string.Join(",", s.Factors)}:{string.Join(",", s.CouldRaise)}:{string.Join(",", s.Cautions)}")),
            string.Join(",", alerts[..alertCount].ToArray()), string.Join(",", workup[..workupCount].ToArray()),
            string.Join(",", treatment[..treatmentCount].ToArray()), string.Join(",", avoid[..treatmentCount].ToArray()));
    }
}
