using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>The real executable: exit codes as a shell sees them, results piped through standard input and output.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Process_ScorePipedNdjson_WritesResultsToStdoutAndTheSummaryToStderr()
    {
        var input = await File.ReadAllTextAsync(Path.Combine(Repository.Cohorts, "example.ndjson"));

        var (exit, stdout, stderr) = await ImnmProcess.RunAsync(Repository.Root, input, "score", "-", "--format", "ndjson");

        exit.Should().Be(0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(10);
        JsonNode.Parse(lines[^1])!["summary"]!["rows"]!.GetValue<long>().Should().Be(9);
        stderr.Should().Contain("Batch summary").And.NotContain("\r", "no progress bar when standard error is piped");
    }

    [Fact]
    public async Task Process_ScoreWithFailedRows_ExitsOne()
    {
        var (exit, _, _) = await ImnmProcess.RunAsync(Repository.Root, null, "score", Path.Combine(Repository.Cohorts, "example-errors.csv"));

        exit.Should().Be(1);
    }

    [Fact]
    public async Task Process_RulesCheck_ExitsZeroForTheRepositoryAndTwoForAMissingFolder()
    {
        (await ImnmProcess.RunAsync(Repository.Root, null, "rules", "check")).ExitCode.Should().Be(0);
        (await ImnmProcess.RunAsync(Repository.Root, null, "rules", "check", "/nonexistent/rules")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Process_Explain_PrintsTheReport()
    {
        var (exit, stdout, _) = await ImnmProcess.RunAsync(Repository.Root, """{"ck":{"value":150,"upperLimitOfNormal":200},"clinical":{"proximalWeakness":"none"}}""", "explain", "-");

        exit.Should().Be(0);
        stdout.Should().Contain("## Subtype").And.Contain("`not-supported`");
    }
}
