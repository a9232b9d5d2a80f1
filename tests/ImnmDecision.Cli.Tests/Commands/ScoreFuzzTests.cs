using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>
/// imnm score on hostile files, fuzzed (seeded by FUZZ_SEED): random bytes and damaged cohorts in every format
/// answer one of the documented exit codes, never an internal error, with one result or error row per record
/// of an NDJSON file; and a hostile file name or option value never reaches the terminal with its escape
/// sequences or line breaks.
/// </summary>
public sealed class ScoreFuzzTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private const string Cohort = "caseId,ck.value,antibodies.hmgcr,antibodies.otherMyositisSpecific,patient.sex\nc1,8400,positive,none,male\nc2,150,negative,jo1;mi2,female\nc3,,equivocal,,\n";

    private const string Hostile = "evil\u001b]0;pwned\u0007\u001b[2J\u009b1m\u202e\nFORGED line";

    [Theory]
    [InlineData("score", "{0}.csv")]
    [InlineData("score", "missing-{0}.csv")]
    [InlineData("score-pin", "{0}")]
    [InlineData("score-format", "{0}.txt")]
    [InlineData("summary", "missing-{0}.ndjson")]
    [InlineData("explain", "missing-{0}.json")]
    [InlineData("score-shard", "1{0}/2")]
    [InlineData("score-option", "--zq{0}")]
    [InlineData("score-format-value", "{0}")]
    public async Task Command_HostileFileNameOrValue_IsPrintedWithoutControlCharacters(string command, string name)
    {
        using var console = new TestConsole();
        var hostile = string.Format(System.Globalization.CultureInfo.InvariantCulture, name, Hostile);
        if (!hostile.StartsWith("missing", StringComparison.Ordinal) && command is "score" or "score-format")
        {
            await File.WriteAllTextAsync(console.PathOf(hostile), "not a header\n");
        }

        var cohort = console.PathOf("cohort.csv");
        await File.WriteAllTextAsync(cohort, Cohort);
        string[] args = command switch
        {
            "score-pin" => ["score", cohort, "--ruleset-version", hostile],
            "score-shard" => ["score", cohort, "--shard", hostile],
            "score-option" => ["score", cohort, hostile],
            "score-format-value" => ["score", cohort, "--format", hostile],
            "score-format" => ["score", console.PathOf(hostile)],
            "score" => ["score", console.PathOf(hostile)],
            "summary" => ["summary", "merge", console.PathOf(hostile)],
            _ => [command, console.PathOf(hostile)],
        };

        var exit = await console.RunAsync(args);

        exit.Should().NotBe(0);
        var error = console.Error.ToString();
        error.Should().Contain("evil").And.NotContainAny("\u001b", "\u0007", "\u009b", "\u202e");
        error.Split('\n').Should().NotContain(line => line.StartsWith("FORGED", StringComparison.Ordinal), "a line break in a name must not start a line of its own");
    }

    [Theory]
    [InlineData("--rows", "abc")]
    [InlineData("--invalid-fraction", "x")]
    [InlineData("--rows", "1\u001b[2J")]
    public async Task Generate_OptionValueThatDoesNotConvert_IsAUsageErrorNotACrash(string option, string value)
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("generate", option, value, "-o", console.PathOf("cohort.csv"));

        exit.Should().Be(64, console.Error.ToString());
        console.Error.ToString().Should().Contain(option).And.NotContain("   at ").And.NotContain("\u001b");
    }

    [Fact]
    public async Task Generate_InvalidFractionNotANumber_IsAUsageError()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("generate", "--invalid-fraction", "NaN", "-o", console.PathOf("cohort.csv"));

        exit.Should().Be(64, console.Error.ToString());
        console.Error.ToString().Should().Contain("--invalid-fraction must be between 0 and 1");
    }

    [Fact]
    public async Task Explain_UnknownFormat_ListsTheChoicesOnLinesOfTheirOwn()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("explain", "--format", "zz", console.PathOf("case.json"));

        exit.Should().Be(64);
        console.Error.ToString().Should().Contain("Must be one of:").And.Contain("\n").And.NotContain("?'markdown'");
    }

    [Fact]
    public async Task Fuzz_Score_HostileFiles_60Runs()
    {
        var failures = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var random = new Random(unchecked((Seed * 1_000_003) + (700 * 100_003) + i));
            var extension = new[] { "csv", "ndjson", "json" }[i % 3];
            var bytes = Damaged(random, extension);
            using var console = new TestConsole();
            var input = console.PathOf("in." + extension);
            await File.WriteAllBytesAsync(input, bytes);

            var exit = await console.RunAsync("score", input, "-o", console.PathOf("out.ndjson"));

            var label = $"FUZZ_SEED={Seed} cli case {i} ({extension}, {Convert.ToBase64String(bytes.AsSpan(0, Math.Min(bytes.Length, 200)))})";
            if (exit is not (0 or 1 or 3 or 4) || console.Error.ToString().Contains("internal error", StringComparison.Ordinal))
            {
                failures.Add($"{label}: exit {exit}: {console.Error}");
                continue;
            }

            if (exit is 3 || !File.Exists(console.PathOf("out.ndjson")))
            {
                continue;
            }

            var rows = (await File.ReadAllLinesAsync(console.PathOf("out.ndjson"))).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
            var summary = rows[^1]["summary"];
            var records = extension == "ndjson" ? Records(bytes) : (int?)null;
            if (summary is null || summary["rows"]!.GetValue<long>() != rows.Count - 1
                || (records is { } count && count != rows.Count - 1 && summary["aborted"]?.GetValue<bool>() != true))
            {
                failures.Add($"{label}: {records} records, {rows.Count - 1} rows, summary {summary?.ToJsonString()}");
            }
        }

        failures.Should().BeEmpty();
    }

    /// <summary>Non-blank NDJSON records: lines split at LF, a byte order mark and CRs at line ends ignored.</summary>
    private static int Records(byte[] bytes)
    {
        var text = bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        var count = 0;
        foreach (var line in text.Split((byte)'\n'))
        {
            count += text[line].Trim(" \t\r"u8).IsEmpty ? 0 : 1;
        }

        return count;
    }

    private static byte[] Damaged(Random random, string extension)
    {
        var valid = extension switch
        {
            "csv" => Cohort,
            "ndjson" => "{\"caseId\":\"a\",\"ck\":{\"value\":8400},\"antibodies\":{\"hmgcr\":\"positive\"}}\n{\"caseId\":\"b\",\"ck\":{\"value\":-0}}\n\n{\"caseId\":\"c\",\"antibodies\":{\"otherMyositisSpecific\":[\"jo1\",\"jo1\"]}}\n",
            _ => "[{\"caseId\":\"a\",\"ck\":{\"value\":8400}},\n{\"caseId\":\"b\",\"ck\":{\"value\":1e-300}}]",
        };
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(6))
            {
                case 0:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 1 when bytes.Count > 1:
                    bytes.RemoveAt(Math.Min(at, bytes.Count - 1));
                    break;
                case 2:
                    bytes.InsertRange(at, "\r"u8.ToArray());
                    break;
                case 3:
                    bytes.InsertRange(at, new[] { "\"", "\u0000", "\uFEFF", "\ud7ff\u2028", ",", "\n\n" }.Select(Encoding.UTF8.GetBytes).ElementAt(random.Next(6)));
                    break;
                case 4:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'9', random.Next(1, 70_000)));
                    break;
                default:
                    bytes.AddRange(Encoding.UTF8.GetBytes(valid));
                    break;
            }
        }

        return [.. bytes];
    }
}
