using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Schema-aware fuzzing from the committed contract (openapi/v1.json), with the log captured: every field of
/// <c>Findings</c> at and past its bounds; then seeded cases (<see cref="CaseGenerator"/>) through the single door
/// (JSON, markdown, HTML) and the batch door (NDJSON, a JSON array, CSV). Oracles: the verdict the contract gives
/// (200 for a valid case, else a problem naming each bad path), no 5xx, no value sent repeated in an answer's
/// errors or in the log, one answer row per case, the same bytes for the same case however its numbers are
/// spelled, the same subtype from every door. FUZZ_SEED replays a run.
/// </summary>
public sealed partial class FuzzSchemaTests : IClassFixture<CdsApiFactory>, IDisposable
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private static readonly string[] ReportTypes = ["application/json", "text/markdown", "text/html"];

    private readonly CapturingSink sink = new();
    private readonly WebApplicationFactory<Program> host;
    private readonly HttpClient client;

    public FuzzSchemaTests(CdsApiFactory factory)
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
    public async Task Sweep_EveryFindingsFieldAtAndPastItsBounds()
    {
        var failures = new ConcurrentBag<string>();
        var sweep = ContractBoundaries.All().ToList();
        await Parallel.ForEachAsync(sweep, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, _) =>
        {
            var (field, value) = entry;
            var values = new List<(ContractField, FuzzValue)> { (field, value) };
            values.AddRange(Companions(field));
            await CheckSingleAsync(new FuzzCase { Values = values }, "application/json", $"{field.Path} = {value.Json[..Math.Min(60, value.Json.Length)]}", failures);
        });

        Report(failures, $"{sweep.Count} values were swept");
        CheckLog();
    }

    [Fact]
    public Task Fuzz_SingleAssessment_SchemaCases_1200() => RunAsync(1, 1200, async (generator, label, failures) =>
    {
        var @case = generator.Case(hostility: 0.15);
        await CheckSingleAsync(@case, ReportTypes[generator.Next(ReportTypes.Length)], label, failures);
    });

    [Fact]
    public Task Fuzz_Batch_SchemaCases_EveryFormat_450() => RunAsync(2, 450, async (generator, label, failures) =>
    {
        var format = generator.Next(3);
        var cases = Enumerable.Range(0, 1 + generator.Next(8)).Select(_ => generator.Case(hostility: 0.1, csv: format == 2)).ToList();
        var (body, mediaType) = format switch
        {
            0 => (cases.SelectMany(c => c.Json.Append((byte)'\n')).ToArray(), "application/x-ndjson"),
            1 => (Encoding.UTF8.GetBytes("[" + string.Join(",\n", cases.Select(c => Encoding.UTF8.GetString(c.Json))) + "]"), "application/json"),
            _ => (Encoding.UTF8.GetBytes(FuzzCsv.Cohort(cases)), "text/csv"),
        };
        var first = await BatchAsync(body, mediaType);
        var second = await BatchAsync(body, mediaType);
        if (first.Status == HttpStatusCode.BadRequest && cases[0].Extra.Any(e => e.Path == "mrn") && first.Text.Contains("not anonymized", StringComparison.Ordinal))
        {
            return; // An identifier in the first record refuses the batch before any row is scored (the contract's rule).
        }

        if (first.Status != HttpStatusCode.OK || first.Text != second.Text)
        {
            failures.Add($"{label}: {(int)first.Status}, or two sendings answered differently: {Preview(first.Text)}");
            return;
        }

        var rows = first.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var answered = rows.Count - 1;
        var aborted = rows[^1]["summary"]?["aborted"]?.GetValue<bool>() == true;
        if (rows[^1]["summary"] is null || (!aborted && answered != cases.Count) || (aborted && format != 1))
        {
            failures.Add($"{label}: {cases.Count} cases sent in format {format}, {answered} rows answered (aborted {aborted})");
            return;
        }

        CheckQuiet(CaseIdValues().Replace(first.Text, "\"caseId\":\"\""), label, failures);
        for (var i = 0; i < answered && !aborted; i++)
        {
            var valid = cases[i].Verdict == FuzzVerdict.Valid;
            if (valid != rows[i]["subtype"] is not null || valid == rows[i]["error"] is not null)
            {
                failures.Add($"{label} row {i}: verdict {cases[i].Verdict} but answered {Preview(rows[i].ToJsonString())}; sent {Preview(Encoding.UTF8.GetString(cases[i].Json))}");
            }
            else if (valid && format == 0 && generator.Next(3) == 0)
            {
                await CheckSameAsSingleAsync(cases[i], rows[i]!, label, failures);
            }
        }
    });

    private static IEnumerable<(ContractField, FuzzValue)> Companions(ContractField field)
    {
        var others = ContractField.All;
        if (field.Path != "ck.value")
        {
            yield return (others.First(f => f.Path == "ck.value"), FuzzValue.Valid("100", "100"));
        }
        else
        {
            yield return (others.First(f => f.Path == "antibodies.srp"), FuzzValue.Valid("\"negative\"", "negative"));
        }

        if (field.Path == "statin.stoppedWeeksAgo")
        {
            yield return (others.First(f => f.Path == "statin.exposure"), FuzzValue.Valid("\"past\"", "past"));
        }
    }

    private async Task CheckSingleAsync(FuzzCase @case, string accept, string label, ConcurrentBag<string> failures)
    {
        var (status, type, text) = await AssessAsync(@case.Json, accept);
        var sent = Preview(Encoding.UTF8.GetString(@case.Json));
        if (@case.Verdict == FuzzVerdict.Valid)
        {
            var (_, _, plain) = await AssessAsync(@case.PlainJson, accept);
            if (status != HttpStatusCode.OK || WithoutIds(text) != WithoutIds(plain))
            {
                failures.Add($"{label}: a valid case answered {(int)status}, or unlike the same numbers spelled plainly; sent {sent}; answered {Preview(text)}");
            }

            CheckQuiet(accept == "application/json" ? CaseIdValues().Replace(text, "\"caseId\":\"\"") : text.Replace(CaseGenerator.CaseIdMarker, string.Empty, StringComparison.Ordinal), label, failures);
            return;
        }

        var problem = type == "application/problem+json" ? JsonNode.Parse(text) as JsonObject : null;
        var keys = problem?["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
        var missing = @case.Verdict == FuzzVerdict.Malformed
            ? keys.Contains("$") ? [] : ["$"]
            : @case.PathsToName.Where(p => !keys.Any(k => k == p || k.StartsWith(p + "[", StringComparison.Ordinal))).ToList();
        if (status != HttpStatusCode.BadRequest || problem is null || problem["traceId"] is null || missing.Count > 0)
        {
            failures.Add($"{label}: verdict {@case.Verdict}, answered {(int)status} {type} not naming {string.Join(", ", missing)}: {Preview(text)}; sent {sent}");
        }

        CheckQuiet(text, label, failures);
    }

    private async Task CheckSameAsSingleAsync(FuzzCase @case, JsonNode row, string label, ConcurrentBag<string> failures)
    {
        var (_, _, text) = await AssessAsync(@case.Json, "application/json");
        var single = JsonNode.Parse(text)!;
        if (single["subtype"]?["code"]?.GetValue<string>() != row["subtype"]?.GetValue<string>()
            || single["subtype"]?["certainty"]?.GetValue<string>() != row["certainty"]?.GetValue<string>())
        {
            failures.Add($"{label}: the single door answered {single["subtype"]?.ToJsonString()}, the batch row {row["subtype"]} {row["certainty"]}");
        }
    }

    private static void CheckQuiet(string text, string label, ConcurrentBag<string> failures)
    {
        foreach (var marker in new[] { Mutator.Sentinel, CaseGenerator.CaseIdMarker })
        {
            if (text.IndexOf(marker, StringComparison.Ordinal) is >= 0 and var at)
            {
                failures.Add($"{label}: the answer repeats a value sent: ...{text[Math.Max(0, at - 200)..Math.Min(text.Length, at + 60)]}...");
            }
        }
    }

    private void CheckLog()
    {
        var log = sink.Render();
        log.Should().NotContain(Mutator.Sentinel).And.NotContain(CaseGenerator.CaseIdMarker).And.NotContain("zqUnknown");
        sink.Events.Should().NotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    private async Task<(HttpStatusCode Status, string? Type, string Text)> AssessAsync(byte[] body, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Json.AssessmentsPath, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Text)> BatchAsync(byte[] body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/assessments/batch", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        request.Headers.TryAddWithoutValidation("Accept", "application/x-ndjson");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task RunAsync(int door, int count, Func<CaseGenerator, string, ConcurrentBag<string>, Task> one)
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            await one(new CaseGenerator(unchecked((Seed * 1_000_003) + (door * 100_003) + i)), $"FUZZ_SEED={Seed} schema door {door} case {i}", failures));

        Report(failures, $"seed {Seed} (set FUZZ_SEED to replay); {failures.Count} of {count} failed");
        CheckLog();
    }

    /// <summary>Fails with every failure (the first 40), sorted so two runs of a seed read alike.</summary>
    internal static void Report(IEnumerable<string> failures, string what)
    {
        var all = failures.Order(StringComparer.Ordinal).ToList();
        if (all.Count > 0)
        {
            Assert.Fail($"{what}; {all.Count} failures:\n" + string.Join("\n", all.Take(40)));
        }
    }

    private static string WithoutIds(string answer) => Uuids().Replace(answer, string.Empty);

    private static string Preview(string text) => text.Length <= 400 ? text : text[..400] + "...";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuids();

    [GeneratedRegex(@"""caseId"":""(?:[^""\\]|\\.)*""")]
    private static partial Regex CaseIdValues();
}
