using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

public sealed class RulesCommandTests
{
    [Fact]
    public async Task RulesCheck_RepositoryRules_IsValidAndPrintsTheTag()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("rules", "check", Repository.Rules);

        exit.Should().Be(0);
        console.Out.ToString().Should().Contain("valid").And.MatchRegex(@"sha256\s+[0-9a-f]{64}").And.Contain("tag       imnm-core@");
    }

    [Fact]
    public async Task RulesCheck_NoFolderGiven_FindsRulesAboveTheWorkingDirectory()
    {
        var nested = Path.Combine(Repository.Root, "tests", "cohorts");
        using var console = new TestConsole(workingDirectory: nested);

        var exit = await console.RunAsync("rules", "check");

        exit.Should().Be(0);
        console.Out.ToString().Should().Contain(Repository.Rules);
    }

    [Fact]
    public async Task RulesCheck_BrokenRuleset_PrintsEveryDefectWithFileAndPathAndExitsTwo()
    {
        var rules = Repository.CopyRules();
        try
        {
            var citations = Path.Combine(rules, "citations.json");
            var text = await File.ReadAllTextAsync(Path.Combine(rules, "subtype.json"));
            await File.WriteAllTextAsync(Path.Combine(rules, "subtype.json"), text.Replace("\"kind\": \"subtype\"", "\"kind\": \"subtipe\"", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(rules, "extra.json"), "{}");
            using var console = new TestConsole();

            var exit = await console.RunAsync("rules", "check", rules);

            exit.Should().Be(2);
            var output = console.Out.ToString();
            output.Should().Contain("subtype.json: $.rules[0].kind: unknown kind 'subtipe'");
            output.Should().Contain("extra.json: $: not listed");
            output.Should().Contain("defect(s); the ruleset does not load");
            File.Exists(citations).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }

    [Fact]
    public async Task RulesCheck_MissingFolder_ExitsTwo()
    {
        using var console = new TestConsole();

        (await console.RunAsync("rules", "check", console.PathOf("nothing-here"))).Should().Be(2);
        console.Out.ToString().Should().Contain("does not exist");
    }
}
