using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>
/// Found by the fourth fuzz round, on the commands other than score: an endless or oversized input ended in an
/// internal error (exit 70) where the input should be refused (3); <c>imnm explain</c> refused a case with a byte
/// order mark that the API reads; <c>imnm summary merge</c> crashed on a CSV count too large or a key given twice,
/// took negative counts and let a sum wrap around; and a file name, ruleset tag or ruleset defect reached the
/// terminal with its escape sequences.
/// </summary>
public sealed class OtherCommandsHardeningTests
{
    private const string Hostile = "evil\u001b]0;pwned\u0007\u001b[2J\u202e\nFORGED line";

    private const string Case = "{\"caseId\":\"c1\",\"ck\":{\"value\":8400},\"antibodies\":{\"hmgcr\":\"positive\"}}";

    [Fact]
    public async Task Explain_CaseWithAByteOrderMark_IsReadAsTheApiReadsIt()
    {
        using var console = new TestConsole();
        await File.WriteAllBytesAsync(console.PathOf("case.json"), [.. "\uFEFF"u8.ToArray(), .. Encoding.UTF8.GetBytes(Case)]);

        var exit = await console.RunAsync("explain", console.PathOf("case.json"));

        exit.Should().Be(0, console.Error.ToString());
        console.Stdout.Should().StartWith("# IMNM decision support: case c1");
    }

    [Fact]
    public async Task Explain_CaseLargerThanTheApiAccepts_IsRefusedNotAnInternalError()
    {
        using var console = new TestConsole();
        await using (var file = File.Create(console.PathOf("huge.json")))
        {
            file.SetLength((1024 * 1024) + 1); // Sparse: nothing is written.
        }

        var exit = await console.RunAsync("explain", console.PathOf("huge.json"));

        exit.Should().Be(3);
        console.Error.ToString().Should().Contain("larger than 1 MiB").And.NotContain("internal error");
    }

    [Fact]
    public async Task Explain_EndlessDevice_IsRefusedNotAnInternalError()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // Not a Unix system: the sparse file above covers the limit.
        }

        using var console = new TestConsole();

        var exit = await console.RunAsync("explain", "/dev/zero", "--format", "html");

        exit.Should().Be(3, console.Error.ToString());
    }

    [Fact]
    public async Task Explain_HostileFileNameWithAnInvalidCase_IsPrintedWithoutControlCharacters()
    {
        using var console = new TestConsole();
        var name = console.PathOf(Hostile + ".json");
        await File.WriteAllTextAsync(name, "{}");

        var exit = await console.RunAsync("explain", name);

        exit.Should().Be(3);
        AssertClean(console.Error.ToString());
        console.Error.ToString().Should().Contain("The case holds no findings");
    }

    [Theory]
    [InlineData("rows=5;", "rows=99999999999999999999;")]
    [InlineData("rows=5;", "rows=5;rows=6;")]
    [InlineData("rows=5;", "rows=-1;")]
    [InlineData("anti-srp=0", "anti-srp=-3")]
    public async Task SummaryMerge_CsvSummaryWithABadCount_IsRefused(string from, string to)
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("r.csv"), CsvResult().Replace(from, to, StringComparison.Ordinal));

        var exit = await console.RunAsync("summary", "merge", console.PathOf("r.csv"));

        exit.Should().Be(3, console.Error.ToString());
        console.Error.ToString().Should().Contain("no readable summary").And.NotContain("internal error");
    }

    [Fact]
    public async Task SummaryMerge_CountsThatOverflowWhenAdded_AreRefusedNotWrapped()
    {
        using var console = new TestConsole();
        var file = console.PathOf("r.ndjson");
        var other = console.PathOf("r2.ndjson");
        await File.WriteAllTextAsync(file, NdjsonSummary(s => s["subtypes"]!["anti-srp"] = long.MaxValue));
        File.Copy(file, other);

        var exit = await console.RunAsync("summary", "merge", file, other);

        exit.Should().Be(3, console.Stdout);
        console.Stdout.Should().BeEmpty();
        console.Error.ToString().Should().Contain("too large to add up");
    }

    [Fact]
    public async Task SummaryMerge_EndlessDevice_IsRefusedNotAnInternalError()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        using var console = new TestConsole();

        var exit = await console.RunAsync("summary", "merge", "/dev/zero");

        exit.Should().Be(3, console.Error.ToString());
    }

    [Fact]
    public async Task SummaryMerge_RulesetTagsWithControlCharacters_ArePrintedWithout()
    {
        using var console = new TestConsole();
        await File.WriteAllTextAsync(console.PathOf("a.ndjson"), NdjsonSummary(s => s["ruleset"] = new JsonObject { ["tag"] = Hostile, ["sha256"] = "00" }));
        await File.WriteAllTextAsync(console.PathOf("b.ndjson"), NdjsonSummary(_ => { }));

        var exit = await console.RunAsync("summary", "merge", console.PathOf("a.ndjson"), console.PathOf("b.ndjson"));

        exit.Should().Be(2);
        AssertClean(console.Error.ToString());
    }

    [Fact]
    public async Task RulesCheck_DefectNamingAHostileFile_IsPrintedWithoutControlCharacters()
    {
        var rules = Repository.CopyRules();
        try
        {
            var ruleset = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(rules, "ruleset.json")))!;
            ruleset["ruleFiles"]!.AsArray().Add(Hostile + ".json");
            await File.WriteAllTextAsync(Path.Combine(rules, "ruleset.json"), ruleset.ToJsonString());
            using var console = new TestConsole(stdin: Case);

            var exit = await console.RunAsync("rules", "check", rules);
            var explain = await console.RunAsync("explain", "-", "--rules", rules);

            exit.Should().Be(2);
            explain.Should().Be(2);
            console.Stdout.Should().Contain("evil");
            AssertClean(console.Stdout);
            AssertClean(console.Error.ToString());
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }

    [Fact]
    public async Task RulesCheck_RuleFileLargerThanTheLimit_IsADefectNotAnInternalError()
    {
        var rules = Repository.CopyRules();
        try
        {
            await using (var file = File.Create(Path.Combine(rules, "alerts.json")))
            {
                file.SetLength((16 * 1024 * 1024) + 1);
            }

            using var console = new TestConsole();

            var exit = await console.RunAsync("rules", "check", rules);

            exit.Should().Be(2, console.Error.ToString());
            console.Stdout.Should().Contain("alerts.json: $: cannot be read, or is larger than 16 MiB");
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }

    [Fact]
    public async Task RulesCheck_RuleFileWithInvalidUtf8InsideAString_IsADefectNotAnInternalError()
    {
        var rules = Repository.CopyRules();
        try
        {
            var path = Path.Combine(rules, "workup.json");
            var bytes = await File.ReadAllBytesAsync(path);
            var at = Encoding.UTF8.GetString(bytes).IndexOf("\"workup.ck.required\"", StringComparison.Ordinal) + 3;
            bytes[at] = 0xDB; // A lead byte followed by ASCII: invalid UTF-8 inside a rule id.
            await File.WriteAllBytesAsync(path, bytes);
            using var console = new TestConsole();

            var exit = await console.RunAsync("rules", "check", rules);

            exit.Should().Be(2, console.Error.ToString());
            console.Stdout.Should().Contain("workup.json: $: not valid UTF-8 text");
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }

    [Theory]
    [InlineData("classification.json", "\"withBiopsy\": 0.7", "\"withBiopsy\": 1e308", "points must fit a decimal number")]
    [InlineData("stratifications.json", "\"tiers\": [", "\"tiers\": [ { \"id\": \"high\", \"label\": \"again\" },", "duplicate id 'high' in tiers")]
    public async Task RulesCheck_RuleFileTheFuzzReshaped_IsADefectNotAnInternalError(string file, string from, string to, string defect)
    {
        var rules = Repository.CopyRules();
        try
        {
            var path = Path.Combine(rules, file);
            var text = await File.ReadAllTextAsync(path);
            text.Should().Contain(from);
            await File.WriteAllTextAsync(path, text.Replace(from, to, StringComparison.Ordinal));
            using var console = new TestConsole();

            var exit = await console.RunAsync("rules", "check", rules);

            exit.Should().Be(2, console.Error.ToString());
            console.Stdout.Should().Contain(defect);
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }
    }

    /// <summary>No control character but line ends, no direction control, and no line of its own started by a name.</summary>
    internal static void AssertClean(string text)
    {
        text.Should().NotContainAny("\u001b", "\u0007", "\u009b", "\u202e", "\r");
        text.Split('\n').Should().NotContain(line => line.StartsWith("FORGED", StringComparison.Ordinal), "a line break in a value must not start a line of its own");
        text.Should().NotContain("internal error").And.NotContain("   at ");
    }

    private static string CsvResult() =>
        "line,caseId,subtype\n1,c1,anti-srp\n,#summary,rows=5;scored=5;failed=0;truncated=false;aborted=false;ruleset=imnm-core@1+ab;sha256=ab;anti-srp=0;seronegative=5,\n";

    private static string NdjsonSummary(Action<JsonNode> change)
    {
        var summary = JsonNode.Parse("""{"rows":5,"scored":5,"failed":0,"subtypes":{"anti-srp":1,"seronegative":4},"ruleset":{"tag":"imnm-core@1+ab","sha256":"ab"},"truncated":false,"aborted":false}""")!;
        change(summary);
        return "{\"line\":1}\n" + JsonSerializer.Serialize(new JsonObject { ["summary"] = summary }) + "\n";
    }
}
