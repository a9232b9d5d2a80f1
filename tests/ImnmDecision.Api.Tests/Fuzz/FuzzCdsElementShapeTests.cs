using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Every element of a FHIR resource in every JSON shape: one primitive of a prefetched or draft resource is
/// replaced by a number, a string, a boolean, <c>null</c>, an object, an empty list or a list of two. Firely
/// keeps some of these (a list where R4 has one value) in a shape its getters refuse to hand out, which refused
/// the whole hook with 400; now such a resource is skipped as unreadable, like any other. Oracle: every call is
/// answered 200 with cards that keep the card rules. 400 calls per run over the patient-view and order-select
/// records (FUZZ_SEED).
/// </summary>
public sealed class FuzzCdsElementShapeTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private static readonly string[] Shapes = ["5", "\"x\"", "true", "null", "{}", "[]", "[\"a\",\"b\"]", "[]"];

    private static readonly (string File, string Service)[] Records =
    [
        ("patient-view-anti-hmgcr-statin-exposed.json", "imnm-assessment"),
        ("patient-view-seronegative-necrotizing-biopsy.json", "imnm-assessment"),
        ("patient-view-red-flag-extreme-ck.json", "imnm-assessment"),
        ("order-select-statin-hmgcr-positive.json", "imnm-statin-order"),
    ];

    [Fact]
    public async Task Fuzz_CdsHooks_ElementsInEveryJsonShape_400Calls()
    {
        using var client = factory.CreateClient();
        var calls = Records.SelectMany(r => Leaves(r.File).Select(path => (r.File, r.Service, Path: path))).ToList();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, token) =>
        {
            var random = new Random(unchecked((Seed * 1_000_003) + (500 * 100_003) + i));
            var (file, service, path) = calls[random.Next(calls.Count)];
            var shape = Shapes[random.Next(Shapes.Length)];
            var call = CdsFixtures.Node(file);
            Replace(call, path, shape);
            using var response = await client.PostHookAsync(service, call.ToJsonString());
            var text = await response.Content.ReadAsStringAsync(token);
            var label = $"FUZZ_SEED={Seed} case {i}: {file} {string.Join('.', path)} = {shape}";
            if ((int)response.StatusCode != 200)
            {
                failures.Add($"{label}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                return;
            }

            try
            {
                JsonNode.Parse(text)!["cards"]!.AsArray().ShouldKeepTheCardRules();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failures.Add($"{label}: {exception.Message}");
            }
        });

        FuzzSchemaTests.Report(failures, $"seed {Seed}");
    }

    [Fact]
    public async Task PatientView_NewestCkWithItsStatusAsAList_IsSkippedAndTheCardSaysSo()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit(Records[0].File, call => call["prefetch"]!["ck"]!["entry"]![1]!["resource"]!["status"] = new JsonArray("final"));

        var detail = (await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync())[0]!["detail"]!.GetValue<string>();

        detail.Should().Contain("1 resource(s) could not be read (their JSON does not follow FHIR R4) and were skipped.");
        detail.Should().NotContain("CK 8,400 U/L on 2024-03-02", "the unreadable result is not used");
    }

    // Every primitive under prefetch (and the draft orders) other than a resourceType, as a path of names and indexes.
    private static List<object[]> Leaves(string file)
    {
        var call = CdsFixtures.Node(file);
        var leaves = new List<object[]>();
        Collect(call["prefetch"], ["prefetch"], leaves);
        Collect(call["context"]?["draftOrders"], ["context", "draftOrders"], leaves);
        return leaves;
    }

    private static void Collect(JsonNode? node, object[] path, List<object[]> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.Where(p => p.Key != "resourceType"))
                {
                    Collect(value, [.. path, name], leaves);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], [.. path, i], leaves);
                }

                break;
            case JsonValue:
                leaves.Add(path);
                break;
        }
    }

    private static void Replace(JsonObject call, object[] path, string shape)
    {
        JsonNode parent = call;
        foreach (var step in path[..^1])
        {
            parent = step is int index ? parent[index]! : parent[(string)step]!;
        }

        if (path[^1] is int at)
        {
            parent[at] = JsonNode.Parse(shape);
        }
        else
        {
            parent[(string)path[^1]] = JsonNode.Parse(shape);
        }
    }
}
