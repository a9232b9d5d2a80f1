using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>imnm score on hostile files: undecodable records are error rows; a fault that ends the batch has its own exit code.</summary>
public sealed class ScoreHardeningTests
{
    private const string Good = """{"caseId":"g","ck":{"value":8400,"upperLimitOfNormal":200},"antibodies":{"hmgcr":"positive"}}""";

    [Fact]
    public async Task Score_NdjsonWithALoneSurrogateAndInvalidUtf8_WritesOneErrorRowEachAndExitsOne()
    {
        using var console = new TestConsole();
        byte[] input = [.. System.Text.Encoding.UTF8.GetBytes(Good + "\n" + """{"caseId":"\ud800"}""" + "\n"), .. "{\"caseId\":\"a"u8, 0xFF, .. "\"}\n"u8, .. System.Text.Encoding.UTF8.GetBytes(Good + "\n")];
        await File.WriteAllBytesAsync(console.PathOf("in.ndjson"), input);

        var exit = await console.RunAsync("score", console.PathOf("in.ndjson"), "-o", console.PathOf("out.ndjson"));

        exit.Should().Be(1, console.Error.ToString());
        var lines = (await File.ReadAllLinesAsync(console.PathOf("out.ndjson"))).Select(l => JsonNode.Parse(l)!).ToList();
        lines.Should().HaveCount(5);
        lines[1]["error"]!["line"]!.GetValue<long>().Should().Be(2);
        lines[2]["error"]!["line"]!.GetValue<long>().Should().Be(3);
        lines[^1]["summary"]!["failed"]!.GetValue<long>().Should().Be(2);
        lines[^1]["summary"]!["aborted"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Score_JsonArrayThatBreaks_WritesTheSummaryMarkedAbortedAndExitsFour()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("in.json"), $"[{Good},\n{Good} {Good}]");

        var exit = await console.RunAsync("score", console.PathOf("in.json"), "-o", console.PathOf("out.ndjson"));

        exit.Should().Be(4, console.Error.ToString());
        var lines = (await File.ReadAllLinesAsync(console.PathOf("out.ndjson"))).Select(l => JsonNode.Parse(l)!).ToList();
        lines[^1]["summary"]!["aborted"]!.GetValue<bool>().Should().BeTrue();
        console.Error.ToString().Should().Contain("aborted");
    }

    [Theory]
    [InlineData("same")]
    [InlineData("dotted")]
    [InlineData("link-to-input")]
    [InlineData("input-is-link")]
    [InlineData("linked-folder")]
    [InlineData("hard-link")]
    public async Task Score_OutputIsTheInputFile_RefusesAndLeavesTheCohortIntact(string how)
    {
        using var console = new TestConsole();
        const string Cohort = "caseId,ck.value\nc1,5000\n";
        Directory.CreateDirectory(console.PathOf("data"));
        var cohort = console.PathOf(Path.Combine("data", "cohort.csv"));
        await File.WriteAllTextAsync(cohort, Cohort);
        var (input, output) = how switch
        {
            "same" => (cohort, cohort),
            "dotted" => (cohort, console.PathOf(Path.Combine("data", "..", "data", ".", "cohort.csv"))),
            "link-to-input" => (cohort, Link(console.PathOf("out.csv"), cohort)),
            "input-is-link" => (Link(console.PathOf("in.csv"), cohort), cohort),
            "hard-link" => (cohort, HardLink(console.PathOf("out.csv"), cohort)),
            _ => (cohort, Path.Combine(Directory.CreateSymbolicLink(console.PathOf("alias"), console.PathOf("data")).FullName, "cohort.csv")),
        };

        var exit = await console.RunAsync("score", input, "-o", output);

        exit.Should().Be(64, console.Error.ToString());
        console.Error.ToString().Should().Contain("is the input file");
        (await File.ReadAllTextAsync(cohort)).Should().Be(Cohort, "the cohort must survive");
    }

    /// <summary>
    /// A refused cohort used to delete the output path: as root, <c>-o /dev/null</c> deleted the null device. What was
    /// at the path stays as it was; only a file the run created is removed (see the identifier-column test).
    /// </summary>
    [Theory]
    [InlineData("file")]
    [InlineData("link")]
    public async Task Score_RefusedCohort_LeavesWhatWasAtTheOutputPathAsItWas(string what)
    {
        using var console = new TestConsole();
        const string Earlier = "line,caseId\n2,an earlier run\n";
        await File.WriteAllTextAsync(console.PathOf("named.csv"), "caseId,patient.name,ck.value\nx,Jane Doe,3000\n");
        await File.WriteAllTextAsync(console.PathOf("earlier.csv"), Earlier);
        var output = what == "file" ? console.PathOf("earlier.csv") : Link(console.PathOf("out.csv"), console.PathOf("earlier.csv"));

        var exit = await console.RunAsync("score", console.PathOf("named.csv"), "-o", output);

        exit.Should().Be(3, console.Error.ToString());
        new FileInfo(output).Exists.Should().BeTrue("a refused run deletes nothing it did not create");
        new FileInfo(output).LinkTarget.Should().Be(what == "link" ? console.PathOf("earlier.csv") : null);
        (await File.ReadAllTextAsync(console.PathOf("earlier.csv"))).Should().Be(Earlier, "nothing was scored, so nothing was emptied");
    }

    [Fact]
    public async Task Score_OutputThroughALink_ReplacesTheLinkedFileWholly()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("earlier.csv"), new string('x', 100_000));
        var output = Link(console.PathOf("out.csv"), console.PathOf("earlier.csv"));

        var exit = await console.RunAsync("score", Path.Combine(Repository.Cohorts, "example.csv"), "-o", output);

        exit.Should().Be(0, console.Error.ToString());
        var lines = await File.ReadAllLinesAsync(console.PathOf("earlier.csv"));
        lines[0].Should().StartWith("line,caseId,");
        lines[^1].Should().StartWith(",#summary,rows=9;");
    }

    [Theory]
    [InlineData(false, "'@SUM(A1)")]
    [InlineData(true, "@SUM(A1)")]
    public async Task Score_CsvOutput_PrefixesFormulaCellsUnlessRawCsv(bool raw, string expected)
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("in.csv"), "caseId,ck.value\n@SUM(A1),5000\n-3,5000\n");
        string[] args = raw ? ["score", console.PathOf("in.csv"), "-o", console.PathOf("out.csv"), "--raw-csv"] : ["score", console.PathOf("in.csv"), "-o", console.PathOf("out.csv")];

        var exit = await console.RunAsync(args);

        exit.Should().Be(0, console.Error.ToString());
        var lines = await File.ReadAllLinesAsync(console.PathOf("out.csv"));
        lines[1].Split(',')[1].Should().Be(expected);
        lines[2].Split(',')[1].Should().Be("-3");
    }

    private static string Link(string path, string target) => File.CreateSymbolicLink(path, target).FullName;

    /// <summary>A second name for the same file (.NET has no API for hard links: ln makes it).</summary>
    private static string HardLink(string path, string target)
    {
        using var ln = System.Diagnostics.Process.Start("ln", [target, path]);
        ln.WaitForExit();
        ln.ExitCode.Should().Be(0);
        return path;
    }

    [Fact]
    public async Task Score_OutputFileOpenInAnotherProgram_IsNotTakenForTheInput()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("in.csv"), "caseId,ck.value\nc1,5000\n");
        await File.WriteAllTextAsync(console.PathOf("out.csv"), "old");
        await using (new FileStream(console.PathOf("out.csv"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            var exit = await console.RunAsync("score", console.PathOf("in.csv"), "-o", console.PathOf("out.csv"));

            exit.Should().Be(0, console.Error.ToString());
            console.Error.ToString().Should().NotContain("is the input file");
        }

        (await File.ReadAllLinesAsync(console.PathOf("out.csv")))[0].Should().StartWith("line,caseId");
    }
}
