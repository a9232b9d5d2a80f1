using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Fuzzes the CDS Hooks door by the shape of what an EHR prefetches, with the log captured: keys swapped (a
/// Patient where the CK search goes), values of the wrong resource type or JSON type, Bundles with null or
/// broken entries, a Bundle of 500 copies, observations with extreme, tiny, negative or textual values and odd
/// statuses and dates, and sentinels in the patient id and hook instance. Oracles: no 5xx; a refusal is an
/// OperationOutcome; cards keep the contract (summary under 140 characters, indicator info/warning/critical,
/// optional fields omitted rather than null or empty); the same call answers the same cards; no sentinel in an
/// answer or the log. 500 calls per run (FUZZ_SEED).
/// </summary>
public sealed partial class FuzzCdsPrefetchTests : IClassFixture<CdsApiFactory>, IDisposable
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private static readonly string[] Calls = [.. CdsFixtures.PatientViewFixtures().Select(CdsFixtures.Text)];

    private static readonly string[] OddValues =
    [
        "null", "{}", "[]", "\"x\"", "5", "true", """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing"}]}""",
        """{"resourceType":"Foo"}""", """{"resourceType":5}""", """{"resourceType":"Bundle","entry":null}""", """{"resourceType":"Bundle","entry":{}}""",
        """{"resourceType":"Bundle","entry":[null,5,"x",{},{"resource":null},{"resource":{"resourceType":"Observation"}}]}""",
        """{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2157-6"}]},"valueQuantity":{"value":"x"}}}]}""",
    ];

    private static readonly string[] Numbers = ["1e308", "-1", "5e-324", "0", "1e-300", "-0", "null", "\"12\"", "true", "[]", "9223372036854775808", "1e20"];

    private static readonly string[] Statuses = ["final", "amended", "cancelled", "entered-in-error", "x", "null", "5"];

    private static readonly string[] Dates = ["\"0001-01-01\"", "\"9999-12-31T23:59:59Z\"", "\"x\"", "\"2024-02-30\"", "null", "5", "\"2024\"", "\"1/2/2024\""];

    private readonly CapturingSink sink = new();
    private readonly WebApplicationFactory<Program> host;
    private readonly HttpClient client;

    public FuzzCdsPrefetchTests(CdsApiFactory factory)
    {
        host = factory.With(new Dictionary<string, string?>(), sink);
        client = host.CreateClient();
    }

    public void Dispose()
    {
        client.Dispose();
        host.Dispose();
    }

    [Fact]
    public async Task Fuzz_CdsHooks_PrefetchShapes_500Calls()
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var random = new Random(unchecked((Seed * 1_000_003) + (400 * 100_003) + i));
            var call = JsonNode.Parse(Calls[random.Next(Calls.Length)])!.AsObject();
            for (var edits = 1 + random.Next(3); edits > 0; edits--)
            {
                Mutate(call, random);
            }

            var body = call.ToJsonString();
            var label = $"FUZZ_SEED={Seed} cds case {i}";
            var (status, text) = await CallAsync(body);
            if (status >= 500 || text.Contains(Mutator.Sentinel, StringComparison.Ordinal))
            {
                failures.Add($"{label}: {status} {text[..Math.Min(300, text.Length)]}");
            }
            else if (status != 200 && !text.Contains("\"OperationOutcome\"", StringComparison.Ordinal))
            {
                failures.Add($"{label}: {status} is not an OperationOutcome: {text[..Math.Min(300, text.Length)]}");
            }
            else if (status == 200)
            {
                CheckCards(JsonNode.Parse(text)!, label, failures);
                var (_, again) = await CallAsync(body);
                if (Uuids().Replace(again, string.Empty) != Uuids().Replace(text, string.Empty))
                {
                    failures.Add($"{label}: the same call answered other cards");
                }
            }
        });

        FuzzSchemaTests.Report(failures, $"seed {Seed}");
        sink.Render().Should().NotContain(Mutator.Sentinel);
        sink.Events.Should().NotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    private static void Mutate(JsonObject call, Random random)
    {
        var prefetch = call["prefetch"] as JsonObject;
        var keys = prefetch?.Select(p => p.Key).ToList() ?? [];
        switch (random.Next(10))
        {
            case 0 when keys.Count > 1:
                var (a, b) = (keys[random.Next(keys.Count)], keys[random.Next(keys.Count)]);
                var (va, vb) = (prefetch![a]?.DeepClone(), prefetch[b]?.DeepClone());
                prefetch[a] = vb;
                prefetch[b] = va;
                break;
            case 1 when keys.Count > 0:
                prefetch![keys[random.Next(keys.Count)]] = JsonNode.Parse(OddValues[random.Next(OddValues.Length)]);
                break;
            case 2 when keys.Count > 0:
                Repeat(prefetch![keys[random.Next(keys.Count)]] as JsonObject, 500);
                break;
            case 3 or 4 or 5:
                var resources = Resources(prefetch).ToList();
                if (resources.Count > 0)
                {
                    Damage(resources[random.Next(resources.Count)], random);
                }

                break;
            case 6 when call["context"] is JsonObject context:
                context["patientId"] = Mutator.Sentinel + (random.Next(2) == 0 ? "\n" : "\u0000");
                call["hookInstance"] = Mutator.Sentinel;
                break;
            case 7:
                call["context"] = JsonNode.Parse(new[] { "[]", "null", "\"x\"", $"{{\"userId\":\"{Mutator.Sentinel}\"}}" }[random.Next(4)]);
                break;
            case 8:
                call["prefetch"] = JsonNode.Parse(new[] { "[]", "null", "\"x\"", "5", "{}" }[random.Next(5)]);
                break;
            default:
                call["hook"] = JsonNode.Parse(new[] { "\"order-select\"", "\"PATIENT-VIEW\"", "\"\"", "null", $"\"{Mutator.Sentinel}\"" }[random.Next(5)]);
                break;
        }
    }

    /// <summary>A Bundle's entries repeated to <paramref name="count"/>.</summary>
    private static void Repeat(JsonObject? bundle, int count)
    {
        if (bundle?["entry"] is not JsonArray { Count: > 0 } entries)
        {
            return;
        }

        var copies = Enumerable.Range(0, count).Select(n => entries[n % entries.Count]?.DeepClone()).ToArray();
        entries.Clear();
        foreach (var copy in copies)
        {
            entries.Add(copy);
        }
    }

    private static void Damage(JsonObject resource, Random random)
    {
        if (resource["valueQuantity"] is JsonObject quantity)
        {
            quantity["value"] = JsonNode.Parse(Numbers[random.Next(Numbers.Length)]);
        }

        if (resource["referenceRange"]?[0]?["high"] is JsonObject high)
        {
            high["value"] = JsonNode.Parse(Numbers[random.Next(Numbers.Length)]);
        }

        if (random.Next(3) == 0)
        {
            var status = Statuses[random.Next(Statuses.Length)];
            resource["status"] = JsonNode.Parse(status is "null" or "5" ? status : $"\"{status}\"");
        }

        if (random.Next(3) == 0)
        {
            resource["effectiveDateTime"] = JsonNode.Parse(Dates[random.Next(Dates.Length)]);
        }

        if (resource["resourceType"]?.GetValue<string>() == "Patient" && random.Next(2) == 0)
        {
            resource["birthDate"] = JsonNode.Parse(Dates[random.Next(Dates.Length)]);
            resource["gender"] = JsonNode.Parse(new[] { "\"male\"", "\"x\"", "null", "5", "\"\"" }[random.Next(5)]);
        }

        if (random.Next(5) == 0)
        {
            resource["code"] = JsonNode.Parse($"{{\"coding\":[null,{{\"system\":null,\"code\":5}}],\"text\":\"{Mutator.Sentinel}\"}}");
        }

        if (random.Next(5) == 0)
        {
            resource["valueString"] = Mutator.Sentinel;
        }
    }

    private static IEnumerable<JsonObject> Resources(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj["resourceType"] is JsonValue type && type.TryGetValue<string>(out var name) && name != "Bundle")
            {
                yield return obj;
            }

            foreach (var child in obj.Select(p => p.Value).ToList().SelectMany(Resources))
            {
                yield return child;
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.ToList().SelectMany(Resources))
            {
                yield return child;
            }
        }
    }

    private static void CheckCards(JsonNode answer, string label, ConcurrentBag<string> failures)
    {
        foreach (var card in answer["cards"]?.AsArray() ?? [])
        {
            var summary = card?["summary"]?.GetValue<string>() ?? string.Empty;
            var indicator = card?["indicator"]?.GetValue<string>();
            if (summary.Length is 0 or >= 140 || indicator is not ("info" or "warning" or "critical") || card?["source"]?["label"] is null)
            {
                var text = card?.ToJsonString() ?? "null";
                failures.Add($"{label}: a card breaks the contract: {text[..Math.Min(300, text.Length)]}");
            }

            if (Empty(card, "card") is { } path)
            {
                failures.Add($"{label}: {path} is null or empty; optional fields are omitted instead");
            }
        }
    }

    private static string? Empty(JsonNode? node, string path) => node switch
    {
        null => path,
        JsonObject { Count: 0 } or JsonArray { Count: 0 } => path,
        JsonObject obj => obj.Select(p => Empty(p.Value, $"{path}.{p.Key}")).FirstOrDefault(p => p is not null),
        JsonArray array => array.Select((n, i) => Empty(n, $"{path}[{i}]")).FirstOrDefault(p => p is not null),
        JsonValue value when value.TryGetValue<string>(out var text) && text.Length == 0 => path,
        _ => null,
    };

    private async Task<(int Status, string Text)> CallAsync(string body)
    {
        using var response = await client.PostJsonAsync("/cds-services/imnm-assessment", body);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuids();
}
