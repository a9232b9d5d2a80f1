using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>
/// What the fifth fuzz round found in the command line: a JSON key given twice. A summary repeating a key made
/// <c>imnm summary merge</c> fail as an internal error (exit 70) instead of refusing the file; a rules file
/// repeating a key (<c>"op": "eq", "op": "ne"</c>) was reported valid, the last value silently winning, so a
/// rule could say the opposite of what its author read. Both are refused now, as JSON cases already are.
/// </summary>
public sealed class RepeatedKeyTests
{
    private const string Summary = "{\"summary\":{\"rows\":3,\"scored\":2,\"failed\":1,\"subtypes\":{\"anti-srp\":1,\"seronegative\":1},\"ruleset\":{\"tag\":\"imnm-core@1+ab\",\"sha256\":\"ab\"},\"truncated\":false,\"aborted\":false}}";

    [Theory]
    [InlineData("\"rows\":3,", "\"rows\":3,\"rows\":300,")]
    [InlineData("\"anti-srp\":1,", "\"anti-srp\":1,\"anti-srp\":0,")]
    [InlineData("{\"summary\":", "{\"summary\":{},\"summary\":")]
    [InlineData("\"sha256\":\"ab\"", "\"sha256\":\"ab\",\"sha256\":\"cd\"")]
    public async Task SummaryMerge_SummaryRepeatingAKey_IsRefusedAsUnreadable(string key, string repeated)
    {
        using var console = new TestConsole();
        var file = console.PathOf("part.ndjson");
        await File.WriteAllTextAsync(file, "{\"line\":1,\"caseId\":\"a\"}\n" + Summary.Replace(key, repeated, StringComparison.Ordinal) + "\n");

        var exit = await console.RunAsync("summary", "merge", file);

        exit.Should().Be(3, console.Error.ToString());
        console.Error.ToString().Should().Contain("no readable summary").And.NotContain("internal error");
        console.Out.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task RulesCheck_RuleRepeatingAKey_IsADefectNamingTheFile()
    {
        var rules = Repository.CopyRules();
        try
        {
            var subtype = Path.Combine(rules, "subtype.json");
            var text = await File.ReadAllTextAsync(subtype);
            var at = text.IndexOf("\"op\": \"eq\",", StringComparison.Ordinal);
            at.Should().BePositive("the test needs a condition to damage");
            await File.WriteAllTextAsync(subtype, text[..at] + "\"op\": \"eq\", \"op\": \"ne\"," + text[(at + "\"op\": \"eq\",".Length)..]);
            using var console = new TestConsole();

            var exit = await console.RunAsync("rules", "check", rules);

            exit.Should().Be(2, console.Out.ToString());
            var output = console.Out.ToString();
            output.Should().MatchRegex(@"subtype\.json: \$\.rules\[\d+\]\.when[.\w\[\]]*: property 'op' appears more than once");
            output.Should().Contain("defect(s); the ruleset does not load");
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }
}
