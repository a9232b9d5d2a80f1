using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

public sealed class ScoreCommandTests
{
    private static readonly string ExampleCsv = Path.Combine(Repository.Cohorts, "example.csv");
    private static readonly string ExampleNdjson = Path.Combine(Repository.Cohorts, "example.ndjson");

    [Fact]
    public async Task Score_ExampleCsv_WritesCsvWithEverySubtypeOnceAndExitsZero()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("score", ExampleCsv, "-o", console.PathOf("out.csv"));

        exit.Should().Be(0);
        var lines = await File.ReadAllLinesAsync(console.PathOf("out.csv"));
        lines[0].Should().Be("line,caseId,subtype,certainty,alerts,workup,treatment,avoid,missing,error,eularAcr.probability,eularAcr.category,eularAcr.subgroup,eularAcr.maxProbability");
        lines.Skip(1).Take(9).Select(l => l.Split(',')[2]).Should().Equal(
            "anti-hmgcr-statin-exposed", "anti-hmgcr-statin-naive", "anti-hmgcr", "anti-srp", "seronegative",
            "conflicting-serology", "alternative-diagnosis-likely", "not-supported", "insufficient-data");
        lines[^1].Should().StartWith(",#summary,rows=9;scored=9;failed=0;");
        console.Error.ToString().Should().Contain("Batch summary").And.Contain("rows read").And.Contain("imnm-core@");
    }

    [Fact]
    public async Task Score_OutputFileAlreadyThere_IsReplacedWholly()
    {
        using var console = new TestConsole();
        await console.RunAsync("score", ExampleCsv, "-o", console.PathOf("fresh.csv"));
        var expected = await File.ReadAllBytesAsync(console.PathOf("fresh.csv"));
        var longer = Enumerable.Repeat((byte)'x', expected.Length * 3).ToArray();
        await File.WriteAllBytesAsync(console.PathOf("out.csv"), longer);

        var exit = await console.RunAsync("score", ExampleCsv, "-o", console.PathOf("out.csv"));

        exit.Should().Be(0);
        (await File.ReadAllBytesAsync(console.PathOf("out.csv"))).Should().Equal(expected, "nothing of the older, longer file may be left behind");
    }

    [Fact]
    public async Task Score_ExampleNdjsonToStdout_WritesNdjsonEndingWithTheSummary()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("score", ExampleNdjson);

        exit.Should().Be(0);
        var lines = console.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        lines.Should().HaveCount(10);
        lines[0]["caseId"]!.GetValue<string>().Should().Be("ex-01");
        lines[^1]["summary"]!["scored"]!.GetValue<long>().Should().Be(9);
    }

    [Fact]
    public async Task Score_CsvWithFormatNdjson_ConvertsTheResults()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("score", ExampleCsv, "--format", "ndjson");

        exit.Should().Be(0);
        console.Stdout.Split('\n')[0].Should().StartWith("{\"line\":2,\"caseId\":\"ex-01\"");
    }

    [Fact]
    public async Task Score_OutputExtension_ChoosesTheFormat()
    {
        using var console = new TestConsole();

        await console.RunAsync("score", ExampleCsv, "-o", console.PathOf("out.json"));

        var array = JsonNode.Parse(await File.ReadAllTextAsync(console.PathOf("out.json")))!.AsArray();
        array.Should().HaveCount(10);
        array[^1]!["summary"].Should().NotBeNull();
    }

    [Fact]
    public async Task Score_Stdin_ReadsWithTheGivenFormat()
    {
        using var console = new TestConsole(stdin: await File.ReadAllTextAsync(ExampleNdjson));

        var exit = await console.RunAsync("score", "-", "--format", "ndjson");

        exit.Should().Be(0);
        console.Stdout.Should().Contain("\"caseId\":\"ex-09\"");
    }

    [Fact]
    public async Task Score_RowsWithErrors_WritesErrorRowsAndExitsOne()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("score", Path.Combine(Repository.Cohorts, "example-errors.csv"), "--format", "ndjson");

        exit.Should().Be(1);
        var lines = console.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        lines[1]["error"]!["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["ck.value", "antibodies.hmgcr"]);
        lines[1]["error"]!["line"]!.GetValue<long>().Should().Be(3);
        lines[2]["error"]!["errors"]!["patient.ageYears"].Should().NotBeNull();
        lines[^1]["summary"]!["failed"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task Score_IdentifierColumn_RefusesWithExitThreeAndWritesNoResult()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("named.csv"), "caseId,patient.name,ck.value\nx,Jane Doe,3000\n");

        var exit = await console.RunAsync("score", console.PathOf("named.csv"), "-o", console.PathOf("out.csv"));

        exit.Should().Be(3);
        console.Error.ToString().Should().Contain("The cohort is not anonymized").And.Contain("patient.name").And.NotContain("Jane Doe");
        File.Exists(console.PathOf("out.csv")).Should().BeFalse("a refused cohort leaves no result file");
    }

    [Fact]
    public async Task Score_MissingFile_ExitsThree()
    {
        using var console = new TestConsole();

        (await console.RunAsync("score", console.PathOf("nope.csv"))).Should().Be(3);
        console.Error.ToString().Should().Contain("does not exist");
    }

    [Fact]
    public async Task Score_UnknownExtension_AsksForTheInputFormat()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("cohort.txt"), "ck.value\n3000\n");

        (await console.RunAsync("score", console.PathOf("cohort.txt"))).Should().Be(64);
        (await console.RunAsync("score", console.PathOf("cohort.txt"), "--input-format", "csv")).Should().Be(0);
    }

    [Fact]
    public async Task Score_PinnedRulesetVersion_MustMatch()
    {
        using var console = new TestConsole();

        var mismatch = await console.RunAsync("score", ExampleCsv, "--ruleset-version", "imnm-core@0.0.0+000000000000");
        var tag = console.Error.ToString().Split('\'')[3];
        var match = await console.RunAsync("score", ExampleCsv, "--ruleset-version", tag, "-o", console.PathOf("out.csv"));

        mismatch.Should().Be(2);
        tag.Should().StartWith("imnm-core@");
        match.Should().Be(0);
    }

    [Fact]
    public async Task Score_InvalidRulesFolder_ExitsTwo()
    {
        using var console = new TestConsole();

        (await console.RunAsync("score", ExampleCsv, "--rules", console.PathOf("no-rules"))).Should().Be(2);
    }

    [Fact]
    public async Task Score_UnknownOption_IsAUsageError()
    {
        using var console = new TestConsole();

        (await console.RunAsync("score", ExampleCsv, "--frobnicate")).Should().Be(64);
        console.Error.ToString().Should().Contain("--frobnicate");
    }

    [Fact]
    public async Task Score_NotATerminal_DrawsNoProgressBar()
    {
        using var console = new TestConsole();

        await console.RunAsync("score", ExampleCsv, "-o", console.PathOf("out.csv"));

        console.Error.ToString().Should().NotContain("\r", "the progress bar is drawn only when standard error is a terminal");
    }
}
