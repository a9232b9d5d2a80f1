using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

public sealed class GenerateCommandTests
{
    [Fact]
    public async Task Generate_SameSeed_WritesTheSameFile()
    {
        using var console = new TestConsole();

        await console.RunAsync("generate", "--rows", "300", "--seed", "5", "-o", console.PathOf("a.ndjson"));
        await console.RunAsync("generate", "--rows", "300", "--seed", "5", "-o", console.PathOf("b.ndjson"));

        var a = await File.ReadAllBytesAsync(console.PathOf("a.ndjson"));
        a.Should().Equal(await File.ReadAllBytesAsync(console.PathOf("b.ndjson")));
        (await File.ReadAllLinesAsync(console.PathOf("a.ndjson"))).Should().HaveCount(300);
    }

    [Fact]
    public async Task Generate_ThenScore_ScoresEveryRowAndReportsTheDefects()
    {
        using var console = new TestConsole();
        await console.RunAsync("generate", "--rows", "2000", "--seed", "8", "--invalid-fraction", "0.05", "-o", console.PathOf("cohort.csv"));

        var exit = await console.RunAsync("score", console.PathOf("cohort.csv"), "-o", console.PathOf("scored.csv"));

        exit.Should().Be(1, "the cohort holds deliberate defects");
        var summary = (await File.ReadAllLinesAsync(console.PathOf("scored.csv")))[^1];
        summary.Should().StartWith(",#summary,rows=2000;");
        var failed = int.Parse(summary.Split("failed=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        failed.Should().BeInRange(60, 140);
    }

    [Theory]
    [InlineData("--rows", "-1")]
    [InlineData("--invalid-fraction", "2")]
    public async Task Generate_OutOfRangeValue_IsAUsageError(string option, string value)
    {
        using var console = new TestConsole();

        (await console.RunAsync("generate", option, value)).Should().Be(64);
    }
}
