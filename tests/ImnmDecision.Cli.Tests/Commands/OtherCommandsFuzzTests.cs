using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>
/// imnm explain, summary merge, rules check and generate on hostile files and arguments, fuzzed (seeded by
/// FUZZ_SEED): random bytes, damaged cases, summaries and rule files, byte order marks, long lines, directories,
/// dangling links, garbage on standard input and conflicting options. Oracles: an exit code the README lists for
/// the command, never an internal error or a stack trace, no control character on standard error, and the same
/// input gives the same output.
/// </summary>
public sealed class OtherCommandsFuzzTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private const string Case = "{\"caseId\":\"c1\",\"patient\":{\"ageYears\":52,\"sex\":\"female\"},\"ck\":{\"value\":8400,\"unit\":\"U/L\"},\"antibodies\":{\"hmgcr\":\"positive\",\"otherMyositisSpecific\":[\"jo1\"]},\"statin\":{\"exposure\":\"current\",\"drug\":\"atorvastatin\"}}";

    private const string Summary = "{\"line\":1,\"caseId\":\"a\"}\n{\"summary\":{\"rows\":3,\"scored\":2,\"failed\":1,\"subtypes\":{\"anti-srp\":1,\"seronegative\":1},\"ruleset\":{\"tag\":\"imnm-core@1+ab\",\"sha256\":\"ab\"},\"truncated\":false,\"aborted\":false}}\n";

    private const string CsvSummary = "line,caseId,subtype\n1,a,anti-srp\n,#summary,rows=3;scored=2;failed=1;truncated=false;aborted=false;ruleset=imnm-core@1+ab;sha256=ab;anti-srp=1;seronegative=1,\n";

    [Fact]
    public async Task Fuzz_Explain_HostileCases_80Runs()
    {
        var failures = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            var random = Random(800, i);
            var bytes = Damaged(random, Case);
            var stdin = random.Next(4) == 0;
            var args = new List<string> { "explain", stdin ? "-" : "case.json" };
            args.AddRange(random.Next(6) switch
            {
                0 => ["--format", "html"],
                1 => ["--format", "html", "--format", "markdown"],
                2 => ["--format", "\u001b[2Jpdf"],
                3 => ["--rules", "no-such-folder"],
                _ => [],
            });

            var first = await RunAsync(args, bytes, stdin ? null : "case.json");
            var second = await RunAsync(args, bytes, stdin ? null : "case.json");
            Check(failures, $"FUZZ_SEED={Seed} explain case {i} ({Preview(bytes)}, {string.Join(' ', args)})", first, [0, 2, 3, 64]);
            if (first != second)
            {
                failures.Add($"FUZZ_SEED={Seed} explain case {i}: two runs differ");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Fuzz_SummaryMerge_HostileResultFiles_80Runs()
    {
        var failures = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            var random = Random(801, i);
            var extension = random.Next(2) == 0 ? "csv" : "ndjson";
            var bytes = Damaged(random, extension == "csv" ? CsvSummary : Summary);
            var name = "r." + extension;
            string[] args = random.Next(5) switch
            {
                0 => ["summary", "merge", name, name],
                1 => ["summary", "merge", name, "."],
                2 => ["summary", "merge", name, "-"],
                _ => ["summary", "merge", name],
            };

            var result = await RunAsync(args, bytes, name);
            Check(failures, $"FUZZ_SEED={Seed} summary case {i} ({extension}, {Preview(bytes)})", result, [0, 2, 3, 64]);
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Fuzz_RulesCheck_DamagedRuleFiles_60Runs()
    {
        var failures = new List<string>();
        var files = Directory.GetFiles(Repository.Rules, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var rules = Repository.CopyRules();
        try
        {
            for (var i = 0; i < 60; i++)
            {
                var random = Random(802, i);
                var file = files[random.Next(files.Length)]!;
                var original = await File.ReadAllTextAsync(Path.Combine(Repository.Rules, file));
                await File.WriteAllBytesAsync(Path.Combine(rules, file), i % 2 == 0 ? Damaged(random, original) : Encoding.UTF8.GetBytes(Reshaped(random, original)));
                using var console = new TestConsole();

                var exit = await console.RunAsync("rules", "check", rules);

                Check(failures, $"FUZZ_SEED={Seed} rules case {i} ({file})", (exit, console.Stdout, console.Error.ToString()), [0, 2]);
                await File.WriteAllTextAsync(Path.Combine(rules, file), original);
            }
        }
        finally
        {
            Directory.Delete(rules, recursive: true);
        }

        failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--rows", "5", "--seed", "1", "-o", "out.csv")]
    [InlineData("--rows", "5", "--seed", "1", "-o", ".")]
    [InlineData("--rows", "5", "--seed", "1", "-o", "missing-folder/out.csv")]
    [InlineData("--rows", "5", "--seed", "1", "-o", "out.csv", "-o", "out2.csv")]
    [InlineData("--rows", "5", "--rows", "6", "--seed", "1")]
    [InlineData("--rows", "99999999999999999999", "--seed", "1")]
    [InlineData("--rows", "5", "--seed", "1", "--format", "xml")]
    [InlineData("--rows", "5", "--seed", "1", "--invalid-fraction", "Infinity")]
    [InlineData("--rows", "5", "--seed", "1", "--invalid-fraction", "1e-400")]
    [InlineData("--rows", "0x10", "--seed", "1")]
    public async Task Generate_OddArguments_AnswerADocumentedExitCode(params string[] args)
    {
        var failures = new List<string>();

        var result = await RunAsync(["generate", .. args], null, null);

        Check(failures, string.Join(' ', args), result, [0, 3, 64]);
        failures.Should().BeEmpty();
    }

    /// <summary>Valid JSON, wrong shape: one to three values replaced by a hostile one, or removed.</summary>
    private static string Reshaped(Random random, string json)
    {
        var root = JsonNode.Parse(json)!;
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            if (nodes.Count == 0)
            {
                break;
            }

            var node = nodes[random.Next(nodes.Count)];
            JsonNode? hostile = random.Next(12) switch
            {
                0 => null,
                1 => 1e308,
                2 => -1,
                3 => "",
                4 => new JsonArray(),
                5 => new JsonObject(),
                6 => true,
                7 => "\u001b[2J\u202e" + new string('x', random.Next(1, 5000)),
                8 => JsonNode.Parse(string.Concat(Enumerable.Repeat("{\"all\":[", 25)) + "{}" + string.Concat(Enumerable.Repeat("]}", 25))),
                9 => node.DeepClone(),
                10 => 0.1,
                _ => "workup.ck.required",
            };
            switch (node.Parent)
            {
                case JsonObject parent when random.Next(4) == 0:
                    parent.Remove(node.GetPropertyName());
                    break;
                case JsonObject parent:
                    parent[node.GetPropertyName()] = hostile;
                    break;
                case JsonArray array when random.Next(4) == 0:
                    array.Add(node.DeepClone());
                    break;
                case JsonArray array:
                    array[node.GetElementIndex()] = hostile;
                    break;
            }
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        if (node.Parent is not null)
        {
            nodes.Add(node);
        }

        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] })
        {
            Collect(child, nodes);
        }
    }

    private static Random Random(int door, int i) => new(unchecked((Seed * 1_000_003) + (door * 100_003) + i));

    private static async Task<(int Exit, string Out, string Error)> RunAsync(IReadOnlyList<string> args, byte[]? input, string? fileName)
    {
        var stdin = input is not null && fileName is null ? Encoding.UTF8.GetString(input) : null;
        using var console = new TestConsole(stdin);
        if (input is not null && fileName is not null)
        {
            await File.WriteAllBytesAsync(console.PathOf(fileName), input);
        }

        var exit = await console.RunAsync([.. args.Select(a => a is "." or "-" || a.StartsWith('-') || !a.Contains('.', StringComparison.Ordinal) ? a : console.PathOf(a))]);
        return (exit, console.Stdout, console.Error.ToString().Replace(console.Directory, "<dir>", StringComparison.Ordinal));
    }

    private static void Check(List<string> failures, string label, (int Exit, string Out, string Error) result, int[] allowed)
    {
        var (exit, _, error) = result;
        if (!allowed.Contains(exit) || error.Contains("internal error", StringComparison.Ordinal) || error.Contains("   at ", StringComparison.Ordinal))
        {
            failures.Add($"{label}: exit {exit}: {error}");
        }

        if (error.Any(c => char.IsControl(c) && c is not '\n' and not '\t') || error.Contains('\u202e', StringComparison.Ordinal))
        {
            failures.Add($"{label}: a control character on standard error: {error}");
        }
    }

    private static string Preview(byte[] bytes) => Convert.ToBase64String(bytes.AsSpan(0, Math.Min(bytes.Length, 120)));

    private static byte[] Damaged(Random random, string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        if (random.Next(10) == 0)
        {
            var noise = new byte[random.Next(0, 3000)];
            random.NextBytes(noise);
            return noise;
        }

        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(8))
            {
                case 0:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 1 when bytes.Count > 1:
                    bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(random.Next(1, 20), bytes.Count - Math.Min(at, bytes.Count - 1)));
                    break;
                case 2:
                    bytes.InsertRange(0, "\uFEFF"u8.ToArray());
                    break;
                case 3:
                    bytes.InsertRange(at, new[] { "\"", "\u0000", "\u001b[2J", "\u202e", "\r\n", "-", "99999999999999999999", ";rows=1", "{", "]", "\n\n" }.Select(Encoding.UTF8.GetBytes).ElementAt(random.Next(11)));
                    break;
                case 4:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'9', random.Next(1, 200_000)));
                    break;
                case 5:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'[', random.Next(1, 2000)));
                    break;
                case 6 when bytes.Count > 1:
                    bytes.RemoveRange(at / 2, bytes.Count - (at / 2));
                    break;
                default:
                    bytes.AddRange(Encoding.UTF8.GetBytes(valid));
                    break;
            }
        }

        return [.. bytes];
    }
}
