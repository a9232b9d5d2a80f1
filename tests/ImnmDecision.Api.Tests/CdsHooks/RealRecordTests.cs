using System.Diagnostics;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using Serilog.Events;
using Xunit.Abstractions;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Every public record (<c>real-*</c> fixtures, sources in Fixtures/README.md) driven through patient-view as the
/// CDS Hooks sandbox drives a service: discovery first, then the hook with the prefetch filled from the discovered
/// templates by a FHIR server holding the record, and again with no prefetch so that the service searches that
/// server itself (pages of 10). Both answers keep the card rules, say the same, log no error and no patient data,
/// and come within the time budget.
/// </summary>
public sealed class RealRecordTests(CdsApiFactory factory, ITestOutputHelper output) : IClassFixture<CdsApiFactory>
{
    private const int BudgetMs = 3000;

    public static TheoryData<string> Records() => [.. RecordFiles()];

    [Theory]
    [MemberData(nameof(Records))]
    public async Task PatientView_PublicRecord_PrefetchedAndFetched_SameCardsWithinTheRules(string fixture)
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load(fixture));
        var sink = new CapturingSink();
        using var host = factory.With(server.Settings(BudgetMs), sink);
        using var client = host.CreateClient();
        var discovery = await (await client.GetAsync(new Uri("/cds-services", UriKind.Relative))).JsonAsync();
        var templates = discovery["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "imnm-assessment")!["prefetch"]!.AsObject();

        var prefetch = RecordHooks.Prefetch(server, templates.Select(t => KeyValuePair.Create(t.Key, t.Value!.GetValue<string>())));
        var mapped = RecordHooks.Map(prefetch, server.Record.PatientId);
        output.WriteLine(string.Join("\n", mapped.Evidence.Concat(mapped.Notes)));
        var prefetched = await CallAsync(client, server, prefetch);
        var prefetchRequests = server.Requests.ToList();
        var fetched = await CallAsync(client, server, null);

        prefetchRequests.Should().NotContain(q => !q.Contains("_offset=", StringComparison.Ordinal), "with the prefetch filled, only next pages are fetched");
        (prefetched.Count > 0).Should().Be(mapped.HasMyositisData || mapped.Incomplete, "a chart without CK, antibody or biopsy results gets no card");
        server.Requests.Should().Contain(q => q.StartsWith("/fhir/Patient/", StringComparison.Ordinal), "without prefetch the service reads the record itself");
        var detail = Detail(prefetched);
        output.WriteLine(Summary(prefetched));
        output.WriteLine(detail);
        Detail(fetched).Should().Be(detail, "the same record prefetched or fetched says the same");
        Summary(fetched).Should().Be(Summary(prefetched));
        MarkdownShouldRender(detail);
        sink.Events.Should().NotContain(e => e.Level >= LogEventLevel.Error, "a public record is no reason for an error");
        var log = sink.Render("ElapsedMs");
        foreach (var personal in PersonalValues(server.Record))
        {
            log.Should().NotContain(personal, "patient data stays out of the log");
        }
    }

    public static TheoryData<string> RecordsWithAStatinOrder() =>
        [.. RecordFiles().Where(f => StatinOrder(RecordSearch.Load(f)) is not null)];

    [Theory]
    [MemberData(nameof(RecordsWithAStatinOrder))]
    public async Task OrderSelect_TheRecordsOwnStatinOrderAsADraft_PrefetchedAndFetched_SameCardsWithinTheRules(string fixture)
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load(fixture));
        var sink = new CapturingSink();
        using var host = factory.With(server.Settings(BudgetMs), sink);
        using var client = host.CreateClient();
        var discovery = await (await client.GetAsync(new Uri("/cds-services", UriKind.Relative))).JsonAsync();
        var templates = discovery["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "imnm-statin-order")!["prefetch"]!.AsObject();
        var prefetch = RecordHooks.Prefetch(server, templates.Select(t => KeyValuePair.Create(t.Key, t.Value!.GetValue<string>())));

        var prefetched = await OrderAsync(client, server, prefetch);
        var fetched = await OrderAsync(client, server, null);

        output.WriteLine(Summary(prefetched));
        Detail(fetched).Should().Be(Detail(prefetched));
        Summary(fetched).Should().Be(Summary(prefetched));
        sink.Events.Should().NotContain(e => e.Level >= LogEventLevel.Error);
        var log = sink.Render("ElapsedMs");
        foreach (var personal in PersonalValues(server.Record))
        {
            log.Should().NotContain(personal);
        }
    }

    // The record's first statin order (coded, or naming a contained or stored Medication), made a draft as the
    // sandbox's order-select sends it.
    private static JsonObject? StatinOrder(RecordSearch record) =>
        record.Resources
            .Where(r => r["resourceType"]!.GetValue<string>() == "MedicationRequest"
                && System.Text.RegularExpressions.Regex.IsMatch(MedicationOf(record, r), "statin|Vytorin|Crestor|Simcor|Lipitor|Zocor", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .Select(r => r.DeepClone().AsObject())
            .FirstOrDefault();

    private static string MedicationOf(RecordSearch record, JsonObject order)
    {
        if (order["medicationReference"]?["reference"]?.GetValue<string>() is not { } reference)
        {
            return order["medicationCodeableConcept"]?.ToJsonString() ?? string.Empty;
        }

        var medication = reference.StartsWith('#')
            ? order["contained"]?.AsArray().FirstOrDefault(c => c?["id"]?.GetValue<string>() == reference[1..])
            : record.Resources.FirstOrDefault(r => $"{r["resourceType"]}/{r["id"]}" == reference);
        return medication?["code"]?.ToJsonString() ?? string.Empty;
    }

    private static IEnumerable<string> RecordFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "CdsHooks", "Fixtures"), "real-*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    private async Task<JsonArray> OrderAsync(HttpClient client, RecordFhirServer server, JsonObject? prefetch)
    {
        var draft = StatinOrder(server.Record)!;
        draft["id"] = "draft-1";
        draft["status"] = "draft";
        draft["intent"] = "order";
        var call = JsonNode.Parse(RecordHooks.Call(server, prefetch))!.AsObject();
        call["hook"] = "order-select";
        call["context"]!["selections"] = new JsonArray("MedicationRequest/draft-1");
        call["context"]!["draftOrders"] = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(new JsonObject { ["resource"] = draft }),
        };
        var clock = Stopwatch.StartNew();
        using var response = await client.PostHookAsync("imnm-statin-order", call.ToJsonString());
        var cards = await response.CardsAsync();
        output.WriteLine($"order-select {(prefetch is null ? "fetched" : "prefetched")}: {clock.ElapsedMilliseconds} ms");
        clock.ElapsedMilliseconds.Should().BeLessThan(BudgetMs + 2000);
        cards.ShouldKeepTheCardRules();
        return cards;
    }

    private async Task<JsonArray> CallAsync(HttpClient client, RecordFhirServer server, JsonObject? prefetch)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch));
        var cards = await response.CardsAsync();
        clock.Stop();
        output.WriteLine($"{(prefetch is null ? "fetched" : "prefetched")}: {clock.ElapsedMilliseconds} ms, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        clock.ElapsedMilliseconds.Should().BeLessThan(BudgetMs + 2000);
        cards.ShouldKeepTheCardRules();
        return cards;
    }

    private static string Detail(JsonArray cards) => string.Join("\n----\n", cards.Select(c => c!["detail"]?.GetValue<string>() ?? string.Empty));

    private static string Summary(JsonArray cards) => string.Join("\n", cards.Select(c => c!["summary"]!.GetValue<string>()));

    // Markdown that renders: code spans and bold marks closed on their line, list items and headings well formed.
    private static void MarkdownShouldRender(string detail)
    {
        foreach (var line in detail.Split('\n'))
        {
            (line.Count(c => c == '`') % 2).Should().Be(0, $"a code span is closed: {line}");
            (System.Text.RegularExpressions.Regex.Count(line, @"\*\*") % 2).Should().Be(0, $"bold is closed: {line}");
            line.Should().NotContain("null").And.NotContain("{").And.NotContain("System.", "no object text leaks into the card");
        }
    }

    // The patient's id, names, birth date and address lines: none of it belongs in a log.
    private static IEnumerable<string> PersonalValues(RecordSearch record)
    {
        var patient = record.Resources.First(r => r["resourceType"]!.GetValue<string>() == "Patient");
        yield return record.PatientId;
        if (patient["birthDate"]?.GetValue<string>() is { Length: >= 4 } birth)
        {
            yield return birth;
        }

        foreach (var name in patient["name"]?.AsArray() ?? [])
        {
            if (name?["family"] is JsonValue family && family.GetValue<string>().Length > 3)
            {
                yield return family.GetValue<string>();
            }
        }
    }
}
