using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Tests.Store;

namespace ImnmDecision.Api.Tests.Store;

/// <summary>
/// The durable store, the same tests on SQLite (a file) and PostgreSQL (a private cluster): feedback survives a
/// restart and is counted once, every door writes its audit entry, and instances sharing PostgreSQL refuse a
/// replayed JWT.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class DurableStoreTests(PostgresCluster postgres)
{
    private const string Case = """{"ck":{"value":9000,"unit":"U/L","upperLimitOfNormal":200},"antibodies":{"hmgcr":"negative","srp":"positive"}}""";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Feedback_SentBeforeARestart_IsInTheSummaryAfterItCountedOnce(string provider)
    {
        var store = Store(provider);
        string card;
        string kind;
        using (var before = new StoreApiFactory(store))
        {
            using var client = before.CreateClient();
            using var call = await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"));
            call.StatusCode.Should().Be(HttpStatusCode.OK);
            var first = (await call.CardsAsync())[0]!;
            card = first["uuid"]!.GetValue<string>();
            kind = first["source"]!["topic"]!["code"]!.GetValue<string>();
            kind.Should().Be("imnm-assessment", "the first card of the assessment service is its assessment card");
            var feedback = $$"""
                { "feedback": [ { "card": "{{card}}", "outcome": "overridden",
                    "overrideReason": { "reason": { "system": "urn:imnm-decision:cds-override-reason", "code": "already-addressed" }, "userComment": "free text never stored" },
                    "outcomeTimestamp": "{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}" } ] }
                """;
            (await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var after = new StoreApiFactory(store);
        using var restarted = after.CreateClient();
        using var response = await restarted.GetAsync(new Uri("/api/v1/feedback/summary", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var summary = await response.ReadJsonAsync();
        var group = summary["groups"]!.AsArray().Should().ContainSingle(g => g!["cardKind"]!.GetValue<string>() == kind).Subject!;
        group["serviceId"]!.GetValue<string>().Should().Be("imnm-assessment");
        group["shown"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(1);
        group["overridden"]!.GetValue<long>().Should().Be(1, "the repeated feedback is the same feedback");
        group["accepted"]!.GetValue<long>().Should().Be(0);
        group["topOverrideReasons"]![0]!["key"]!.GetValue<string>().Should().Be("already-addressed");
        summary.ToJsonString().Should().NotContain("free text");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Audit_EveryDoor_WritesOneEntryWithoutPatientData(string provider)
    {
        using var factory = new StoreApiFactory(Store(provider));
        using var client = factory.CreateClient();

        (await client.PostAsync(new Uri("/api/v1/assessments", UriKind.Relative), Json(Case))).StatusCode.Should().Be(HttpStatusCode.OK);
        using (var batch = await client.PostAsync(new Uri("/api/v1/assessments/batch", UriKind.Relative), Json($"[{Case},{Case},{{\"ck\":{{\"value\":-1}}}}]")))
        {
            batch.StatusCode.Should().Be(HttpStatusCode.OK);
            await batch.Content.ReadAsStringAsync();
        }

        (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var summary = await (await client.GetAsync(new Uri("/api/v1/audit/summary", UriKind.Relative))).ReadJsonAsync();

        summary["entries"]!.GetValue<long>().Should().Be(3, "a batch is one entry");
        summary["cases"]!.GetValue<long>().Should().Be(5);
        Counts(summary["byDoor"]!).Should().BeEquivalentTo(new Dictionary<string, long> { ["single"] = 1, ["batch"] = 3, ["cds"] = 1 });
        Counts(summary["bySubtype"]!).Should().BeEquivalentTo(new Dictionary<string, long> { ["anti-srp"] = 2 }, "the single and the CDS assessment record their subtype; a batch does not");
        summary["byRuleset"]![0]!["key"]!.GetValue<string>().Should().StartWith("imnm-core@");
        summary["byDay"]!.AsArray().Should().ContainSingle();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Audit_CdsCalls_RecordSubtypeCertaintyAndTheAlertIdsOfTheirRedFlagCards(string provider)
    {
        var store = Store(provider);
        using var factory = new StoreApiFactory(store);
        using var client = factory.CreateClient();

        var redFlags = await (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-red-flag-extreme-ck.json"))).CardsAsync();
        var statin = await (await client.PostHookAsync("imnm-statin-order", CdsFixtures.Text("order-select-statin-hmgcr-positive.json"))).CardsAsync();
        var rows = await StoreRows.ReadAsync(store, "SELECT door, subtype, certainty, alert_ids, cases, errors FROM audit ORDER BY at_ms, assessment_id");

        rows.Should().HaveCount(2).And.OnlyContain(r => r[0] == "cds" && r[4] == "1" && r[5] == "0");
        rows.Should().OnlyContain(r => !string.IsNullOrEmpty(r[1]) && !string.IsNullOrEmpty(r[2]), "both calls assessed the patient");
        var alertCards = redFlags.Count(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "imnm-red-flag");
        alertCards.Should().BePositive();
        rows.Select(r => r[3] is { Length: > 0 } ids ? ids.Split(',').Length : 0).Should().Contain(alertCards, "one alert id per red-flag card");
        statin.Should().ContainSingle();
        rows.Should().Contain(r => r[1]!.StartsWith("anti-hmgcr", StringComparison.Ordinal), "the statin warning's assessment is an anti-HMGCR one");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Feedback_IsGroupedByTheKindOfCardSentAndStoresIt(string provider)
    {
        var store = Store(provider);
        using var factory = new StoreApiFactory(store);
        using var client = factory.CreateClient();
        var assessmentCards = await (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"))).CardsAsync();
        var statinCards = await (await client.PostHookAsync("imnm-statin-order", CdsFixtures.Text("order-select-statin-hmgcr-positive.json"))).CardsAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        (await client.PostJsonAsync("/cds-services/imnm-statin-order/feedback", $$"""{ "feedback": [ { "card": "{{statinCards[0]!["uuid"]}}", "outcome": "overridden", "outcomeTimestamp": "{{at}}" } ] }""")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", $$"""{ "feedback": [ { "card": "{{assessmentCards[0]!["uuid"]}}", "outcome": "overridden", "outcomeTimestamp": "{{at}}" } ] }""")).StatusCode.Should().Be(HttpStatusCode.OK);
        var summary = await (await client.GetAsync(new Uri("/api/v1/feedback/summary", UriKind.Relative))).ReadJsonAsync();
        var stored = await StoreRows.ReadAsync(store, "SELECT service_id, card_kind, ruleset_tag FROM feedback ORDER BY service_id");

        var groups = summary["groups"]!.AsArray();
        var warning = groups.Should().ContainSingle(g => g!["cardKind"]!.GetValue<string>() == "imnm-statin-order").Subject!;
        warning["serviceId"]!.GetValue<string>().Should().Be("imnm-statin-order");
        (warning["shown"]!.GetValue<long>(), warning["overridden"]!.GetValue<long>(), warning["accepted"]!.GetValue<long>()).Should().Be((1L, 1L, 0L));
        var assessment = groups.Should().ContainSingle(g => g!["cardKind"]!.GetValue<string>() == "imnm-assessment").Subject!;
        (assessment["shown"]!.GetValue<long>(), assessment["overridden"]!.GetValue<long>()).Should().Be((1L, 1L));
        groups.Select(g => g!["cardKind"]!.GetValue<string>()).Should().NotContain(["info", "warning", "critical"], "the kind is which card, not its indicator");
        stored.Select(r => (r[0], r[1])).Should().Equal(("imnm-assessment", "imnm-assessment"), ("imnm-statin-order", "imnm-statin-order"));
        stored.Should().OnlyContain(r => r[2]!.StartsWith("imnm-core@", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ClientId_OfCdsFeedbackAndAudit_IsTheVerifiedJwtIssuer(string provider)
    {
        using var ehr = new TestJwt(TimeProvider.System);
        var store = Store(provider);
        var settings = new Dictionary<string, string?>(store) { ["CdsHooks:RequireJwt"] = "true" };
        foreach (var (key, value) in ehr.Settings())
        {
            settings[key] = value;
        }

        using var factory = new StoreApiFactory(settings);
        using var client = factory.CreateClient();
        var cards = await (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"), ehr.Token("http://localhost/cds-services/imnm-assessment"))).CardsAsync();
        var feedback = $$"""{ "feedback": [ { "card": "{{cards[0]!["uuid"]}}", "outcome": "overridden", "outcomeTimestamp": "{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}" } ] }""";
        (await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback, ehr.Token("http://localhost/cds-services/imnm-assessment/feedback"))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await StoreRows.ReadAsync(store, "SELECT client_id FROM feedback")).Should().ContainSingle().Which[0].Should().Be(TestJwt.Issuer);
        (await StoreRows.ReadAsync(store, "SELECT client_id FROM audit")).Should().ContainSingle().Which[0].Should().Be(TestJwt.Issuer);
    }

    [Fact]
    public async Task Jti_ReplayedToAnotherInstanceSharingPostgres_IsRefused()
    {
        var ehr = new TestJwt(TimeProvider.System);
        var settings = new Dictionary<string, string?>(Store("postgres")) { ["CdsHooks:RequireJwt"] = "true" };
        foreach (var (key, value) in ehr.Settings())
        {
            settings[key] = value;
        }

        using var first = new StoreApiFactory(settings);
        using var second = new StoreApiFactory(settings);
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        var body = CdsFixtures.Text("patient-view-anti-srp.json");
        var token = ehr.Token("http://localhost/cds-services/imnm-assessment");

        using var accepted = await one.PostHookAsync("imnm-assessment", body, token);
        using var replayed = await two.PostHookAsync("imnm-assessment", body, token);
        using var fresh = await two.PostHookAsync("imnm-assessment", body, ehr.Token("http://localhost/cds-services/imnm-assessment"));

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the other instance already accepted this jti");
        fresh.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Summaries_WithoutTheSummariesScope_AreForbidden()
    {
        using var tokens = new TestTokens();
        using var factory = new Security.SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/audit/summary", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", tokens.Create("ward-app", "imnm.assess"));

        using var anonymous = await client.GetAsync(new Uri("/api/v1/feedback/summary", UriKind.Relative));
        using var withoutScope = await client.SendAsync(request);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withoutScope.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private Dictionary<string, string?> Store(string provider) => provider == "postgres"
        ? new() { ["Store:ConnectionString"] = postgres.NewDatabase() }
        : new() { ["Store:SqlitePath"] = OpenTestAccess.NewSqlitePath() };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Dictionary<string, long> Counts(JsonNode list) =>
        list.AsArray().ToDictionary(e => e!["key"]!.GetValue<string>(), e => e!["count"]!.GetValue<long>(), StringComparer.Ordinal);
}
