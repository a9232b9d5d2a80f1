using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

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
            kind = first["indicator"]!.GetValue<string>();
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
        Counts(summary["bySubtype"]!).Should().BeEquivalentTo(new Dictionary<string, long> { ["anti-srp"] = 1 });
        summary["byRuleset"]![0]!["key"]!.GetValue<string>().Should().StartWith("imnm-core@");
        summary["byDay"]!.AsArray().Should().ContainSingle();
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
