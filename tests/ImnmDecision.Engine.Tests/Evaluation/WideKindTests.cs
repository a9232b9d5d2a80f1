using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Tests.Batch;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Evaluation;

/// <summary>A kind may hold any number of rules: past 64, decisions and the answer's lists are as for fewer.</summary>
public sealed class WideKindTests
{
    [Fact]
    public void DecideEach_MoreThan64Conditions_DecidesEachAsItsTree()
    {
        Condition?[] conditions = [.. Enumerable.Repeat(RealRuleset.Ruleset.Rules.Select(rule => rule.When), 3).SelectMany(c => c), null];
        var compiled = new KindDecisions(conditions, kindSlots: SlotMask.Empty, compile: true);
        compiled.Chunks.Should().BeGreaterThanOrEqualTo(3, "the conditions must span three groups of 64 or more");
        var walked = new KindDecisions(conditions, kindSlots: SlotMask.Empty, compile: false);
        var evaluator = new Evaluator(RealRuleset.Ruleset);
        var decisions = evaluator.CreateDecisions();
        var fromCompiled = new Truth[conditions.Length];
        var fromWalked = new Truth[conditions.Length];
        var compared = 0;
        foreach (var findings in Cohort(600))
        {
            evaluator.Evaluate(findings.Values, decisions);
            var facts = decisions.Facts;
            var compiledMissing = FieldMask.Zero;
            var walkedMissing = FieldMask.Zero;

            compiled.DecideEach(facts, fromCompiled, ref compiledMissing);
            walked.DecideEach(facts, fromWalked, ref walkedMissing);

            fromCompiled.Should().Equal(fromWalked);
            fromCompiled.Should().Equal(conditions.Select(c => c?.Evaluate(facts).Truth ?? Truth.True));
            compared++;
        }

        compared.Should().BeGreaterThan(500);
    }

    [Fact]
    public void Assess_MoreThan64AlertRules_ListsEveryAlertBySeverityAndBatchListsEachIdOnce()
    {
        using var rules = new RulesCopy();
        string[] severities = ["info", "warning", "critical"];
        var extra = new JsonArray([.. Enumerable.Range(0, 70).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"alert.extra-{i}",
            ["kind"] = "alert",
            ["when"] = new JsonObject { ["all"] = new JsonArray() },
            ["then"] = new JsonObject { ["alert"] = "dysphagia", ["severity"] = severities[i % 3], ["message"] = $"Extra alert {i}." },
            ["rationale"] = "A test of a kind with more than 64 rules.",
            ["citations"] = new JsonArray("dalil-imnm"),
        })]);
        rules.Write("extra.json", new JsonObject { ["rules"] = extra }.ToJsonString())
            .Edit(RulesetLoader.RulesetFile, root => root["ruleFiles"]!.AsArray().Add("extra.json"));
        var engine = new AssessmentEngine(RulesetLoader.Load(rules.Folder));
        var findings = Case.WithCk(9000, uln: 200).Weakness(WeaknessGrade.Severe).Build();

        var assessment = engine.Assess(findings);
        var decisions = engine.Evaluate(findings);
        Span<AlertId> ids = stackalloc AlertId[CaseDecisions.MaxAlerts];
        var count = decisions.CopyAlerts(ids);

        assessment.Alerts.Where(a => a.RuleId.StartsWith("alert.extra-", StringComparison.Ordinal)).Should().HaveCount(70);
        assessment.Alerts.Select(a => a.Severity).Should().BeInAscendingOrder();
        assessment.Alerts.Where(a => a.Severity == AlertSeverity.Info).Select(a => a.RuleId).Should()
            .StartWith(["alert.extra-0", "alert.extra-3", "alert.extra-6"], "within a severity, alerts keep file order");
        ids[..count].ToArray().Should().Equal(assessment.Alerts.Select(a => a.Id).Distinct());
    }

    private static IEnumerable<Findings> Cohort(int rows)
    {
        foreach (var line in BatchHarness.Generate(BatchFormat.Ndjson, rows, seed: 5, invalidFraction: 0).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (FindingsJson.TryParse(Encoding.UTF8.GetBytes(line), out var findings, out _) && FindingsPrecheck.IsValid(findings))
            {
                yield return findings;
            }
        }
    }
}
