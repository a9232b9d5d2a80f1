using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Invariants of every answer over 20,000 generated valid cases: the ruleset on the answer and its header, the
/// disclaimer, every citation used listed once and none listed unused, no repeated id in a list, no dose that is not
/// a finite non-negative figure or whose low end passes its high end or the ruleset's cap, an avoided option with
/// its reason. Then 200 parallel single assessments and 4 parallel batches answer what they answer one by one.
/// </summary>
public sealed partial class FuzzAnswerInvariantTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private static readonly Lazy<Dictionary<string, (double? Adult, double? Child)>> Caps = new(LoadCaps);

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Fuzz_ValidCases_EveryAnswerKeepsItsInvariants_20000()
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 20_000), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
        {
            var @case = FuzzDoorAgreementTests.ValidCase(new CaseGenerator(unchecked((Seed * 1_000_003) + (7 * 100_003) + i)));
            var label = $"FUZZ_SEED={Seed} invariants case {i}";
            using var response = await PostAsync(Json.AssessmentsPath, @case.Json, "application/json");
            var text = await response.Content.ReadAsStringAsync(token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{label}: a valid case answered {(int)response.StatusCode}: {Preview(text)}");
                return;
            }

            var header = response.Headers.TryGetValues("X-Ruleset-Version", out var values) ? string.Join(",", values) : null;
            foreach (var problem in Violations(JsonNode.Parse(text)!.AsObject(), header))
            {
                failures.Add($"{label}: {problem}; sent {Preview(Encoding.UTF8.GetString(@case.Json))}");
            }
        });

        FuzzSchemaTests.Report(failures, $"seed {Seed} (set FUZZ_SEED to replay)");
    }

    [Fact]
    public async Task Parallel_200SingleAssessmentsAnd4Batches_AnswerWhatTheyAnswerOneByOne()
    {
        var generator = new CaseGenerator(unchecked((Seed * 1_000_003) + (8 * 100_003)));
        var cases = Enumerable.Range(0, 200).Select(_ => FuzzDoorAgreementTests.ValidCase(generator).Json).ToList();
        var sequential = new List<string>();
        foreach (var @case in cases)
        {
            sequential.Add(await AssessAsync(@case));
        }

        var parallel = await Task.WhenAll(cases.Select(c => Task.Run(() => AssessAsync(c))));
        parallel.Should().Equal(sequential, "no request's caseId, dose or list bleeds into another's answer");

        var batches = Enumerable.Range(0, 4).Select(b => cases.Skip(b * 50).Take(50).SelectMany(c => c.Append((byte)'\n')).ToArray()).ToList();
        var oneByOne = new List<string>();
        foreach (var batch in batches)
        {
            oneByOne.Add(await BatchAsync(batch));
        }

        var together = await Task.WhenAll(batches.Select(b => Task.Run(() => BatchAsync(b))));
        together.Should().Equal(oneByOne);
        oneByOne.Should().OnlyContain(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 51);
    }

    /// <summary>What is wrong with one answer (empty when nothing is).</summary>
    internal static IEnumerable<string> Violations(JsonObject answer, string? header)
    {
        var ruleset = answer["ruleset"];
        var tag = ruleset is null ? null : $"{ruleset["id"]}@{ruleset["version"]}+{ruleset["sha256"]!.GetValue<string>()[..12]}";
        if (tag is null || header != tag)
        {
            yield return $"the ruleset {tag} and the header {header} differ";
        }

        if (string.IsNullOrWhiteSpace(answer["disclaimer"]?.GetValue<string>()))
        {
            yield return "no disclaimer";
        }

        var listed = answer["citations"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        Used(answer, top: true, used);
        foreach (var id in listed.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"citation {id} is listed twice";
        }

        foreach (var id in used.Except(listed, StringComparer.Ordinal))
        {
            yield return $"citation {id} is used but not listed";
        }

        foreach (var id in listed.Except(used, StringComparer.Ordinal))
        {
            yield return $"citation {id} is listed but not used";
        }

        foreach (var (list, key) in new[] { ("alerts", "id"), ("workup", "id"), ("treatment", "id"), ("missing", "field") })
        {
            foreach (var twice in answer[list]!.AsArray().GroupBy(n => n![key]!.GetValue<string>(), StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                yield return $"{list} holds {twice.Key} twice";
            }
        }

        foreach (var option in answer["treatment"]!.AsArray().Select(o => o!.AsObject()))
        {
            var id = option["id"]!.GetValue<string>();
            if (option["avoid"]!.GetValue<bool>() && option["cautions"]!.AsArray().Count == 0)
            {
                yield return $"{id} is to be avoided without a reason";
            }

            if (option["dose"] is JsonObject dose)
            {
                foreach (var problem in DoseViolations(id, dose))
                {
                    yield return problem;
                }
            }
        }
    }

    private static IEnumerable<string> DoseViolations(string id, JsonObject dose)
    {
        foreach (var (name, value) in dose)
        {
            if (value?.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() is var number && (!double.IsFinite(number) || number < 0))
            {
                yield return $"{id} dose {name} is {number}";
            }

            if (value?.GetValueKind() == JsonValueKind.String && NotAFigure().IsMatch(value.GetValue<string>()))
            {
                yield return $"{id} dose {name} reads {value.GetValue<string>()}";
            }
        }

        var low = dose["amountLow"]?.GetValue<double>();
        var high = dose["amountHigh"]?.GetValue<double>();
        if (low > high)
        {
            yield return $"{id} dose runs from {low} down to {high}";
        }

        var child = dose["population"]?.GetValue<string>() is { } population && population.Contains("child", StringComparison.OrdinalIgnoreCase);
        var cap = Caps.Value.TryGetValue(id, out var caps) ? (child ? caps.Child : caps.Adult) : null;
        var scale = dose["amountUnit"]?.GetValue<string>() switch { "mg" => 1, "g" => 1000, _ => double.NaN };
        if (cap is { } most && high * scale > most)
        {
            yield return $"{id} dose reaches {high} {dose["amountUnit"]}, over the ruleset's cap of {most} mg";
        }
    }

    private static void Used(JsonNode? node, bool top, HashSet<string> used)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                if (name == "citations" && !top && value is JsonArray ids)
                {
                    used.UnionWith(ids.Where(i => i?.GetValueKind() == JsonValueKind.String).Select(i => i!.GetValue<string>()));
                }
                else if (!(top && name == "citations"))
                {
                    Used(value, top: false, used);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Used(item, top: false, used);
            }
        }
    }

    /// <summary>The largest cap (mg) each treatment's rules name, for adults and for children.</summary>
    private static Dictionary<string, (double? Adult, double? Child)> LoadCaps()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "rules", "ruleset.json")))!["parameters"]!.AsObject();
        var rules = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "rules", "treatment.json")))!["rules"]!.AsArray();
        var caps = new Dictionary<string, (double? Adult, double? Child)>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var id = rule!["then"]?["treatment"]?.GetValue<string>();
            var names = CapParameters().Matches(rule.ToJsonString()).Select(m => m.Groups[1].Value).ToList();
            if (id is null || names.Count == 0)
            {
                continue;
            }

            double? Most(bool child) => names.Where(n => n.Contains(".child.", StringComparison.Ordinal) == child).Select(n => (double?)parameters[n]!["value"]!.GetValue<double>()).Max();
            var (adult, young) = caps.GetValueOrDefault(id);
            caps[id] = (Math.Max(adult ?? 0, Most(false) ?? 0) is > 0 and var a ? a : null, Math.Max(young ?? 0, Most(true) ?? 0) is > 0 and var c ? c : null);
        }

        return caps;
    }

    [GeneratedRegex(@"""capParameter"":""([^""]+)""")]
    private static partial Regex CapParameters();

    [GeneratedRegex(@"\bNaN\b|Infinity|∞|(?<![\w.])-\d")]
    private static partial Regex NotAFigure();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuids();

    private static string Preview(string text) => text.Length <= 500 ? text : text[..500] + "...";

    private async Task<string> AssessAsync(byte[] body)
    {
        using var response = await PostAsync(Json.AssessmentsPath, body, "application/json");
        return $"{(int)response.StatusCode} " + Uuids().Replace(await response.Content.ReadAsStringAsync(), string.Empty);
    }

    private async Task<string> BatchAsync(byte[] body)
    {
        using var response = await PostAsync("/api/v1/assessments/batch", body, "application/x-ndjson");
        return $"{(int)response.StatusCode} " + await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return await client.SendAsync(request);
    }
}
