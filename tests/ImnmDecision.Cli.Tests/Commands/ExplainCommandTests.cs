using System.Text.RegularExpressions;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

public sealed partial class ExplainCommandTests
{
    private const string Case = """
        {
          "caseId": "case-17",
          "patient": { "ageYears": 62, "sex": "male", "weightKg": 80 },
          "ck": { "value": 8400, "unit": "U/L", "upperLimitOfNormal": 200 },
          "antibodies": { "hmgcr": "positive", "srp": "negative", "otherMyositisSpecific": [] },
          "biopsy": { "performed": true, "pattern": "necrotizing" },
          "statin": { "exposure": "current", "drug": "atorvastatin" },
          "clinical": { "proximalWeakness": "severe", "onset": "subacute", "dysphagia": true }
        }
        """;

    [Fact]
    public async Task Explain_Case_PrintsTheMarkdownReportSummaryAndAlertsFirstWithNumberedCitations()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("case.json"), Case);

        var exit = await console.RunAsync("explain", console.PathOf("case.json"));

        exit.Should().Be(0);
        var report = console.Out.ToString();
        report.Should().StartWith("# IMNM decision support: case case-17\n\nAnti-HMGCR IMNM, statin-exposed, meets the ENMC criteria; critical: dysphagia; next required step: ");
        report.Should().MatchRegex(@"## Alerts\n\n- \*\*CRITICAL\*\* Dysphagia: ");
        report.IndexOf("## Alerts", StringComparison.Ordinal).Should().BeLessThan(report.IndexOf("## Subtype", StringComparison.Ordinal));
        report.Should().Contain("**Anti-HMGCR IMNM, statin-exposed** `anti-hmgcr-statin-exposed`, certainty `meets-criteria`");
        report.Should().Contain("### Why").And.Contain("  - facts: ").And.Contain("  - rule `subtype.anti-hmgcr.statin-exposed`");
        report.Should().Contain("## Workup checklist").And.Contain("- [ ] **required** ").And.Contain("`swallow-evaluation`");
        report.Should().Contain("## Treatment options").And.Contain("`stop-statin`").And.Contain("  - dose: ");
        report.Should().Contain("## Citations\n\n1. <a id=\"ref-1\"></a>");
        var body = report.Split("## Citations")[0];
        var cited = CitationMarks().Matches(body).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var listed = CitationEntries().Count(report.Split("## Citations")[1]);
        cited.Should().NotBeEmpty();
        cited.Distinct().Should().BeEquivalentTo(Enumerable.Range(1, listed), "every citation listed is cited in the text");
        cited.Distinct().Should().BeInAscendingOrder("citations are numbered in the order the report first cites them");
        report.Should().Contain("Decision support for clinicians; not a diagnosis.");
    }

    [Fact]
    public async Task Explain_CancerScreening_ShowsTheRiskCategoryItsFactorsWhatCouldRaiseItAndTheSchedule()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("case.json"), Case);

        var exit = await console.RunAsync("explain", console.PathOf("case.json"));

        exit.Should().Be(0);
        var screening = console.Out.ToString().Split("`cancer-screening`")[1].Split("\n- ")[0];
        screening.Should().Contain("\n  - risk category: **moderate** (`imacs-2023-cancer-risk`)\n");
        screening.Should().MatchRegex(@"\n  - risk factor \(high\): Dysphagia \[\\\[\d+");
        screening.Should().Contain("\n  - risk factor (intermediate): Anti-HMGCR antibody ");
        screening.Should().Contain("\n  - not known, would raise it (high): Age over 40 at symptom onset; tells: `clinical.symptomOnsetYearsAgo` ");
        screening.Should().Contain("\n  - schedule: At diagnosis, the enhanced panel: ");
        screening.IndexOf("risk category", StringComparison.Ordinal).Should().BeLessThan(screening.IndexOf("  - rule `workup.cancer-screening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_FormatHtml_PrintsThePrintablePage()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("case.json"), Case);

        var exit = await console.RunAsync("explain", console.PathOf("case.json"), "--format", "html");

        exit.Should().Be(0);
        var page = console.Out.ToString();
        page.Should().StartWith("<!DOCTYPE html>").And.Contain("<h1>IMNM decision support: case case-17</h1>").And.Contain("@media print");
        page.Should().Contain("<li class=\"alert alert-critical\"><strong>CRITICAL</strong> Dysphagia: ");
    }

    [Fact]
    public async Task Explain_Stdin_ReadsTheCase()
    {
        using var console = new TestConsole(stdin: Case);

        (await console.RunAsync("explain", "-")).Should().Be(0);
        console.Out.ToString().Should().Contain("case-17");
    }

    [Theory]
    [InlineData("""{"ck":{"valu":3}}""", "ck.valu")]
    [InlineData("""{"patient":{"name":"Jane Doe"}}""", "looks like a direct identifier")]
    [InlineData("""{"patient":{"ageYears":150}}""", "patient.ageYears must be between 0 and 120.")]
    [InlineData("""{}""", "The case holds no findings")]
    [InlineData("""{"ck":""", "Not well-formed JSON")]
    public async Task Explain_InvalidCase_PrintsTheProblemAndExitsThree(string json, string message)
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("case.json"), json);

        var exit = await console.RunAsync("explain", console.PathOf("case.json"));

        exit.Should().Be(3);
        console.Error.ToString().Should().Contain(message).And.NotContain("Jane Doe");
        console.Out.ToString().Should().BeEmpty();
    }

    [GeneratedRegex(@"\(#ref-(\d+)\)")]
    private static partial Regex CitationMarks();

    [GeneratedRegex(@"^\d+\. <a id=", RegexOptions.Multiline)]
    private static partial Regex CitationEntries();
}
