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
    public async Task Explain_Case_PrintsAReadableReportWithNumberedCitations()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("case.json"), Case);

        var exit = await console.RunAsync("explain", console.PathOf("case.json"));

        exit.Should().Be(0);
        var report = console.Out.ToString();
        report.Should().Contain("IMNM decision support: case case-17");
        report.Should().Contain("SUBTYPE").And.Contain("(anti-hmgcr-statin-exposed)");
        report.Should().Contain("CERTAINTY  meets-criteria");
        report.Should().Contain("WHY").And.Contain("facts: ");
        report.Should().MatchRegex(@"ALERTS\n  ! CRITICAL dysphagia: ");
        report.Should().Contain("WORKUP CHECKLIST").And.Contain("[ ] required").And.Contain("(swallow-evaluation)");
        report.Should().Contain("TREATMENT OPTIONS").And.Contain("(stop-statin)").And.Contain("dose: ");
        report.Should().Contain("CITATIONS\n  [1] ");
        var cited = CitationMarks().Matches(report.Split("CITATIONS")[0]).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var listed = CitationEntries().Count(report.Split("CITATIONS")[1]);
        cited.Should().NotBeEmpty();
        cited.Max().Should().Be(listed, "every citation listed is cited in the text, numbered in order of first use");
        report.Should().Contain("Decision support for clinicians; not a diagnosis.");
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

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex CitationMarks();

    [GeneratedRegex(@"^  \[\d+\] ", RegexOptions.Multiline)]
    private static partial Regex CitationEntries();
}
