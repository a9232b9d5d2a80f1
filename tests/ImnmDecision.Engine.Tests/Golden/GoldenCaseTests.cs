using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>
/// Runs every clinical case in tests/cases against the real rules/. A clinician adds a case by adding a file
/// (format in tests/cases/README.md); no C# changes. When a rule change is intended, update the case's
/// "expect" block by hand after reviewing the new answer: these files are reviewed, never regenerated.
/// </summary>
public sealed class GoldenCaseTests
{
    private static readonly JsonSerializerOptions CaseOptions = ImnmJson.Configure(new JsonSerializerOptions());

    public static TheoryData<string> CaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.CasesFolder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void CaseFolder_HasCases()
    {
        CaseFiles().Count.Should().BeGreaterThanOrEqualTo(40);
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Assess_GoldenCase_MatchesExpectation(string file)
    {
        var golden = JsonSerializer.Deserialize<GoldenCase>(File.ReadAllText(Path.Combine(Repository.CasesFolder, file)), CaseOptions)!;
        var findings = golden.ReadFindings();
        new FindingsValidator().Validate(findings).IsValid.Should().BeTrue($"{file} must hold valid findings");

        var answer = RealRuleset.Engine.Assess(findings);

        var expect = golden.Expect;
        var because = $"{file}: {golden.Description}\nanswer: {Summary(answer)}";
        if (expect.Classification is null || expect.Subtype is not null)
        {
            JsonNames.Name(answer.Subtype.Code).Should().Be(expect.Subtype, because);
            JsonNames.Name(answer.Subtype.Certainty).Should().Be(expect.Certainty, because);
            answer.Alerts.Select(a => JsonNames.Name(a.Id)).Should().BeEquivalentTo(expect.Alerts, because);
        }

        if (expect.Classification is { } classification)
        {
            ClassificationCheck.Check(answer, classification, because);
        }

        CheckItems(answer.Workup.ToDictionary(w => JsonNames.Name(w.Id)), expect.Workup, expect.WorkupAbsent, because, (item, e) =>
        {
            if (e.Priority is not null) JsonNames.Name(item.Priority).Should().Be(e.Priority, because);
            if (e.Status is not null) JsonNames.Name(item.Status).Should().Be(e.Status, because);
            CheckRisk(item, e, because);
        });
        CheckItems(answer.Treatment.ToDictionary(t => JsonNames.Name(t.Id)), expect.Treatment, expect.TreatmentAbsent, because, (item, e) =>
        {
            if (e.Role is not null) JsonNames.Name(item.Role).Should().Be(e.Role, because);
            if (e.Avoid is not null) item.Avoid.Should().Be(e.Avoid.Value, because);
        });
        if (expect.NoTreatment == true)
        {
            answer.Treatment.Should().BeEmpty(because);
        }

        var missing = answer.Missing.Select(m => m.Field).ToList();
        foreach (var field in expect.Missing ?? [])
        {
            missing.Should().Contain(field, because);
        }

        foreach (var field in expect.MissingAbsent ?? [])
        {
            missing.Should().NotContain(field, because);
        }
        Includes(answer.Subtype.Because.Select(b => b.RuleId), expect.Because, because);
        foreach (var (id, text) in expect.DoseContains ?? new Dictionary<string, string>())
        {
            answer.Treatment.Should().Contain(t => JsonNames.Name(t.Id) == id, because)
                .Which.Dose!.Text.Should().Contain(text, because);
        }

        var reasons = answer.Subtype.Because.Select(b => b.RuleId).ToList();
        foreach (var ruleId in expect.Because ?? [])
        {
            reasons.Should().Contain(ruleId, because);
        }

        CheckTexts(answer, expect, because);
    }

    private static void CheckTexts(Assessment answer, GoldenExpectation expect, string because)
    {
        foreach (var (id, text) in expect.CautionContains ?? new Dictionary<string, string>())
        {
            answer.Treatment.Should().Contain(t => JsonNames.Name(t.Id) == id, because)
                .Which.Cautions.Should().Contain(c => c.Contains(text, StringComparison.Ordinal), because);
        }

        foreach (var (id, text) in expect.AlertContains ?? new Dictionary<string, string>())
        {
            answer.Alerts.Should().Contain(a => JsonNames.Name(a.Id) == id, because)
                .Which.Message.Should().Contain(text, because);
        }

        if (expect.SummaryContains is { } summary)
        {
            answer.Summary.Should().Contain(summary, because);
        }

        var texts = answer.Alerts.Select(a => a.Message)
            .Concat(answer.Workup.SelectMany(w => new[] { w.Label, w.Reason }))
            .Concat(answer.Treatment.SelectMany(t => t.Cautions.Append(t.Label).Append(t.Dose?.Text ?? string.Empty)))
            .ToList();
        foreach (var absent in expect.TextAbsent ?? [])
        {
            texts.Should().NotContain(t => t.Contains(absent, StringComparison.OrdinalIgnoreCase), because);
        }
    }

    private static void CheckRisk(WorkupItem item, ItemExpectation e, string because)
    {
        if (e.RiskCategory is not null) item.RiskCategory.Should().Be(e.RiskCategory, because);
        var held = item.RiskFactors?.Select(f => f.Id).ToList() ?? [];
        var couldRaise = item.RiskFactorsCouldRaise?.Select(f => f.Id).ToList() ?? [];
        Includes(held, e.RiskFactors, because);
        Includes(couldRaise, e.RiskFactorsCouldRaise, because);
        Excludes(held.Concat(couldRaise), e.RiskFactorsAbsent, because);
        var steps = item.Schedule?.Select(s => s.Id).ToList() ?? [];
        Includes(steps, e.Schedule, because);
        Excludes(steps, e.ScheduleAbsent, because);
        foreach (var text in e.CautionsContain ?? [])
        {
            (item.Cautions ?? []).Should().Contain(c => c.Contains(text, StringComparison.Ordinal), because);
        }
    }

    private static void Includes(IEnumerable<string> actual, IReadOnlyList<string>? expected, string because)
    {
        var list = actual.ToList();
        foreach (var id in expected ?? [])
        {
            list.Should().Contain(id, because);
        }
    }

    private static void Excludes(IEnumerable<string> actual, IReadOnlyList<string>? absent, string because)
    {
        var list = actual.ToList();
        foreach (var id in absent ?? [])
        {
            list.Should().NotContain(id, because);
        }
    }

    private static void CheckItems<T>(Dictionary<string, T> actual, IReadOnlyDictionary<string, ItemExpectation>? present,
        IReadOnlyList<string>? absent, string because, Action<T, ItemExpectation> check)
    {
        foreach (var (id, expectation) in present ?? new Dictionary<string, ItemExpectation>())
        {
            actual.Should().ContainKey(id, because);
            check(actual[id], expectation);
        }

        foreach (var id in absent ?? [])
        {
            actual.Keys.Should().NotContain(id, because);
        }
    }

    private static string Risk(WorkupItem item) => item.RiskCategory is null ? "" :
        $":{item.RiskCategory}(held {string.Join("/", item.RiskFactors?.Select(f => f.Id) ?? [])}; could raise {string.Join("/", item.RiskFactorsCouldRaise?.Select(f => f.Id) ?? [])})";

    private static string Summary(Assessment a) =>
        $"{JsonNames.Name(a.Subtype.Code)}/{JsonNames.Name(a.Subtype.Certainty)} by {string.Join(",", a.Subtype.Because.Select(b => b.RuleId))}; " +
        $"alerts [{string.Join(",", a.Alerts.Select(x => JsonNames.Name(x.Id)))}]; " +
        $"workup [{string.Join(",", a.Workup.Select(x => $"{JsonNames.Name(x.Id)}:{JsonNames.Name(x.Priority)}:{JsonNames.Name(x.Status)}{Risk(x)}"))}]; " +
        $"treatment [{string.Join(",", a.Treatment.Select(x => $"{JsonNames.Name(x.Id)}:{JsonNames.Name(x.Role)}{(x.Avoid ? ":avoid" : "")}"))}]; " +
        $"missing [{string.Join(",", a.Missing.Select(m => m.Field))}]";
}
