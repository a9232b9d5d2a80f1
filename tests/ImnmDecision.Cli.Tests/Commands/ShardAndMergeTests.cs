using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary><c>imnm score --shard K/N</c> splits a cohort by row index; <c>imnm summary merge</c> adds the shards' summaries back up.</summary>
public sealed class ShardAndMergeTests
{
    private static readonly string ExampleCsv = Path.Combine(Repository.Cohorts, "example.csv");
    private static readonly string ExampleNdjson = Path.Combine(Repository.Cohorts, "example.ndjson");

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task Shards_OfACohort_HoldEveryRowOnceWithItsLineAndMergeToTheWhole(string format)
    {
        using var console = new TestConsole();
        var input = format == "csv" ? ExampleCsv : ExampleNdjson;
        (await console.RunAsync("score", input, "-o", console.PathOf("whole.ndjson"))).Should().BeOneOf(0, 1);
        var whole = Rows(console.PathOf("whole.ndjson"));

        var shards = new List<string>();
        for (var k = 1; k <= 3; k++)
        {
            var output = console.PathOf($"part-{k}.{format}");
            (await console.RunAsync("score", input, "--shard", $"{k}/3", "-o", output)).Should().BeOneOf(0, 1);
            shards.Add(output);
        }

        if (format == "ndjson")
        {
            var sharded = shards.SelectMany(Rows).ToList();
            sharded.Select(r => r["line"]!.GetValue<long>()).Order().Should().Equal(whole.Select(r => r["line"]!.GetValue<long>()));
            Rows(shards[0]).Select(r => r["line"]!.GetValue<long>()).Should().Equal(whole.Where((_, i) => i % 3 == 0).Select(r => r["line"]!.GetValue<long>()));
        }

        console.Out.GetStringBuilder().Clear();
        (await console.RunAsync(["summary", "merge", .. shards])).Should().Be(0, console.Error.ToString());
        var merged = JsonNode.Parse(console.Out.ToString())!["summary"]!;
        var expected = JsonNode.Parse(File.ReadLines(console.PathOf("whole.ndjson")).Last())!["summary"]!;
        merged["rows"]!.GetValue<long>().Should().Be(expected["rows"]!.GetValue<long>());
        merged["scored"]!.GetValue<long>().Should().Be(expected["scored"]!.GetValue<long>());
        merged["failed"]!.GetValue<long>().Should().Be(expected["failed"]!.GetValue<long>());
        merged["ruleset"]!["tag"]!.GetValue<string>().Should().Be(expected["ruleset"]!["tag"]!.GetValue<string>());
        foreach (var (code, count) in expected["subtypes"]!.AsObject())
        {
            merged["subtypes"]![code]!.GetValue<long>().Should().Be(count!.GetValue<long>(), code);
        }
    }

    [Fact]
    public async Task Shard_CsvRowWithAQuotedLineBreak_StaysOneRow()
    {
        using var console = new TestConsole();
        var lines = File.ReadAllLines(ExampleCsv);
        var header = lines[0];
        var quoted = "\"multi\nline\"" + lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..];
        await File.WriteAllTextAsync(console.PathOf("quoted.csv"), string.Join('\n', header, quoted, lines[2], lines[3]) + "\n");

        (await console.RunAsync("score", console.PathOf("quoted.csv"), "--shard", "2/2", "-o", console.PathOf("out.ndjson"))).Should().BeOneOf(0, 1);

        var rows = Rows(console.PathOf("out.ndjson"));
        rows.Should().ContainSingle().Which["line"]!.GetValue<long>().Should().Be(4, "row 2 of 3 starts on line 4 (the first row spans lines 2 and 3)");
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("a/b")]
    public async Task Shard_NotKOverN_IsAUsageError(string shard)
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("score", ExampleCsv, "--shard", shard);

        exit.Should().Be(64);
        console.Error.ToString().Should().Contain("--shard must be K/N");
    }

    [Fact]
    public async Task SummaryMerge_FileWithoutASummary_IsRefused()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("cut.ndjson"), "{\"line\":2}\n");

        var exit = await console.RunAsync("summary", "merge", console.PathOf("cut.ndjson"));

        exit.Should().Be(3);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task SummaryMerge_OneAbortedPart_MarksTheWholeAborted(string format)
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("broken.json"), "[{\"caseId\":\"a\",\"ck\":{\"value\":100}},{\"caseId\":");
        var aborted = console.PathOf($"aborted.{format}");
        var whole = console.PathOf($"whole.{format}");
        (await console.RunAsync("score", console.PathOf("broken.json"), "-o", aborted)).Should().Be(4);
        (await console.RunAsync("score", ExampleCsv, "-o", whole)).Should().BeOneOf(0, 1);

        console.Out.GetStringBuilder().Clear();
        (await console.RunAsync("summary", "merge", whole)).Should().Be(0, console.Error.ToString());
        JsonNode.Parse(console.Out.ToString())!["summary"]!["aborted"]!.GetValue<bool>().Should().BeFalse();

        console.Out.GetStringBuilder().Clear();
        (await console.RunAsync("summary", "merge", whole, aborted)).Should().Be(0, console.Error.ToString());
        var merged = JsonNode.Parse(console.Out.ToString())!["summary"]!;
        merged["aborted"]!.GetValue<bool>().Should().BeTrue("a part that ended early leaves the merged counts short");
        merged["rows"]!.GetValue<long>().Should().Be(9 + 2);
    }

    [Theory]
    [InlineData("same")]
    [InlineData("dot")]
    [InlineData("file-link")]
    [InlineData("folder-link")]
    public async Task SummaryMerge_OneFileNamedTwice_IsRefusedAndNothingWritten(string how)
    {
        using var console = new TestConsole();
        var part = console.PathOf("part.csv");
        (await console.RunAsync("score", ExampleCsv, "-o", part)).Should().BeOneOf(0, 1);
        var folder = Path.GetDirectoryName(part)!;
        var second = how switch
        {
            "same" => part,
            "dot" => Path.Combine(folder, ".", "part.csv"),
            "file-link" => File.CreateSymbolicLink(console.PathOf("link.csv"), part).FullName,
            _ => Path.Combine(Directory.CreateSymbolicLink(console.PathOf("linked-folder"), folder).FullName, "part.csv"),
        };
        console.Out.GetStringBuilder().Clear();

        var exit = await console.RunAsync("summary", "merge", part, second);

        exit.Should().Be(3, console.Error.ToString());
        console.Error.ToString().Should().Contain("named twice");
        console.Out.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task SummaryMerge_TwoDifferentFilesWithTheSameCounts_AreBothAdded()
    {
        using var console = new TestConsole();
        var first = console.PathOf("first.csv");
        var copy = console.PathOf("copy.csv");
        (await console.RunAsync("score", ExampleCsv, "-o", first)).Should().BeOneOf(0, 1);
        File.Copy(first, copy);
        console.Out.GetStringBuilder().Clear();

        (await console.RunAsync("summary", "merge", first, copy)).Should().Be(0, console.Error.ToString());

        JsonNode.Parse(console.Out.ToString())!["summary"]!["rows"]!.GetValue<long>().Should().Be(2 * 9);
    }

    private static List<JsonNode> Rows(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).Where(n => n["summary"] is null)];
}
