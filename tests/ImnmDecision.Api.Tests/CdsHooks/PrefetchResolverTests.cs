using System.Text.Json;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.CdsHooks.Services;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Missing key = not attempted, null = nothing found, OperationOutcome = the EHR's search failed; missing keys
/// are fetched from a real FHIR server on 127.0.0.1 with the bearer token, within the time budget.
/// </summary>
public sealed class PrefetchResolverTests : IAsyncLifetime
{
    private FakeFhirServer server = null!;
    private readonly PrefetchTemplates templates = new(CdsFixtures.Codes);

    public async Task InitializeAsync() => server = await FakeFhirServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public void FromPrefetch_NullEmptyBundleFailureAndData_AreFourDifferentThings()
    {
        var key = templates.Assessment.Single(k => k.Name == "ck");

        PrefetchResolver.FromPrefetch(key, Json("null")).State.Should().Be(PrefetchState.Empty);
        PrefetchResolver.FromPrefetch(key, Json("""{ "resourceType": "Bundle", "type": "searchset", "total": 0 }""")).State.Should().Be(PrefetchState.Empty);
        PrefetchResolver.FromPrefetch(key, Json("""{ "resourceType": "OperationOutcome", "issue": [ { "severity": "error", "code": "timeout" } ] }""")).State.Should().Be(PrefetchState.EhrSearchFailed);
        PrefetchResolver.FromPrefetch(key, Json("""{ "resourceType": "Bundle", "entry": [ { "resource": { "resourceType": "OperationOutcome", "issue": [ { "severity": "fatal", "code": "exception" } ] } } ] }""")).State.Should().Be(PrefetchState.EhrSearchFailed);
        var data = PrefetchResolver.FromPrefetch(key, Json("""{ "resourceType": "Bundle", "entry": [ { "resource": { "resourceType": "Observation", "id": "1" } }, { "resource": { "resourceType": "OperationOutcome", "issue": [ { "severity": "information", "code": "informational" } ] } } ] }"""));
        data.State.Should().Be(PrefetchState.Provided);
        data.Resources.Should().ContainSingle("an informational OperationOutcome entry is not data");
    }

    [Fact]
    public async Task Resolve_KeysMissingAndNoFhirServer_NamesTheRequiredOnesAndMarksOptionalOnesNotProvided()
    {
        var request = Request(fhirServer: null, prefetch: """{ "patient": null, "ck": null }""");

        var resolution = await Resolver().ResolveAsync(request, templates.Assessment, CancellationToken.None);

        resolution.MissingRequired.Should().BeEquivalentTo("myositisAntibodies", "statinRequests");
        resolution.Slots["biopsy"].State.Should().Be(PrefetchState.NotProvided);
        resolution.Slots["weight"].State.Should().Be(PrefetchState.NotProvided);
        resolution.Slots["patient"].State.Should().Be(PrefetchState.Empty);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Resolve_KeysMissingWithFhirServer_FetchesThemWithTheBearerToken()
    {
        var request = Request(server.BaseUrl, prefetch: """{ "statinStatements": null }""");

        var resolution = await Resolver(budgetMs: 5000).ResolveAsync(request, templates.Assessment, CancellationToken.None);

        resolution.MissingRequired.Should().BeEmpty();
        resolution.FetchAttempts.Should().Be(11, "every key but the one prefetched: patient, ck, antibodies, orders, dispenses, administrations, biopsy, weight, labs, conditions, pregnancy");
        resolution.Slots["patient"].State.Should().Be(PrefetchState.Fetched);
        resolution.Slots["patient"].Resources.Should().ContainSingle();
        resolution.Slots["ck"].Resources.Should().ContainSingle();
        resolution.Slots["statinStatements"].State.Should().Be(PrefetchState.Empty, "it was prefetched as null and not fetched again");
        server.Requests.Should().HaveCount(11).And.OnlyContain(r => r.Authorization == "Bearer " + FakeFhirServer.AccessToken);
        server.Requests.Select(r => r.PathAndQuery).Should().Contain("/fhir/R4/Patient/pt-fetch-1")
            .And.Contain(q => q.StartsWith("/fhir/R4/Observation?patient=pt-fetch-1&code=http://loinc.org%7C2157-6", StringComparison.Ordinal)
                || q.StartsWith("/fhir/R4/Observation?patient=pt-fetch-1&code=http://loinc.org|2157-6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_SlowFhirServer_GivesUpAtTheBudgetAndSaysSo()
    {
        server.Delay = TimeSpan.FromSeconds(20);

        var resolution = await Resolver(budgetMs: 150).ResolveAsync(Request(server.BaseUrl, prefetch: "{}"), templates.Assessment, CancellationToken.None);

        resolution.Slots.Values.Should().OnlyContain(s => s.State == PrefetchState.FetchFailed);
        resolution.Slots["ck"].Problem.Should().Be(PrefetchResolver.ServerUnusable, "the card says the same whatever the reason");
        resolution.Unobtainable.Should().Contain("ck", "nothing at all was obtained: the answer is 412");
    }

    [Fact]
    public async Task Resolve_FailingFhirServer_ReportsTheStatusForTheAffectedKeyOnly()
    {
        server.FailWith = 500;
        server.OnlyFor = "MedicationRequest";

        var resolution = await Resolver(budgetMs: 5000).ResolveAsync(Request(server.BaseUrl, prefetch: "{}"), templates.Assessment, CancellationToken.None);

        resolution.Slots["statinRequests"].State.Should().Be(PrefetchState.FetchFailed);
        resolution.Slots["statinRequests"].Problem.Should().Be(PrefetchResolver.ServerUnusable);
        resolution.Unobtainable.Should().BeEmpty("other keys were fetched");
        resolution.Slots["ck"].State.Should().Be(PrefetchState.Fetched);
    }

    [Fact]
    public async Task Resolve_NextPageOnAnotherServer_IsNotFollowedWithTheToken()
    {
        server.NextLink = "http://127.0.0.2:9/fhir/R4/Observation?page=2";

        var resolution = await Resolver(budgetMs: 5000).ResolveAsync(Request(server.BaseUrl, prefetch: "{}"), [templates.Assessment[1]], CancellationToken.None);

        resolution.Slots["ck"].State.Should().Be(PrefetchState.Fetched);
        resolution.Slots["ck"].Truncation.Should().Contain("points outside the FHIR server");
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Resolve_NextPageOnTheSameServer_IsFollowed()
    {
        server.NextLink = server.BaseUrl + "/Observation?patient=pt-fetch-1&code=http://loinc.org|2157-6&page={page}";

        var resolution = await Resolver(budgetMs: 5000).ResolveAsync(Request(server.BaseUrl, prefetch: "{}"), [templates.Assessment[1]], CancellationToken.None);

        resolution.Slots["ck"].Resources.Should().HaveCount(5, "each page repeats the result; paging stops at the page limit (FhirMaxPages 5)");
        server.Requests.Should().HaveCount(5);
        resolution.Slots["ck"].Truncation.Should().Be("more than 5 pages of results; the rest were not read");
    }

    [Fact]
    public async Task Resolve_NextLinkBackToAPageAlreadyRead_StopsWithoutReadingItAgain()
    {
        // Every answer links to page 2, page 2 included: a loop. Page 2 is read once; nothing is missing.
        server.NextLink = server.BaseUrl + "/Observation?patient=pt-fetch-1&code=http://loinc.org|2157-6&page=2";

        var resolution = await Resolver(budgetMs: 5000).ResolveAsync(Request(server.BaseUrl, prefetch: "{}"), [templates.Assessment[1]], CancellationToken.None);

        server.Requests.Should().HaveCount(2);
        resolution.Slots["ck"].Resources.Should().HaveCount(2);
        resolution.Slots["ck"].Truncation.Should().BeNull("every page the server offers was read");
    }

    [Fact]
    public async Task Resolve_PlainHttpFhirServerOffLoopback_IsNotCalled()
    {
        var request = Request(new Uri("http://ehr.example.org/fhir"), prefetch: "{}");

        var resolution = await Resolver(rules: [new FhirServerRule { Url = "http://ehr.example.org/fhir" }]).ResolveAsync(request, templates.Assessment, CancellationToken.None);

        resolution.Unobtainable.Should().NotBeEmpty("the token is never sent in clear text to a host not allowed over http");
    }

    [Fact]
    public async Task Resolve_FhirServerOutsideTheAllowList_IsNotCalled()
    {
        var request = Request(server.BaseUrl, prefetch: "{}");

        var resolution = await Resolver(rules: [new FhirServerRule { Url = "https://ehr.example.org/fhir" }]).ResolveAsync(request, templates.Assessment, CancellationToken.None);

        resolution.Unobtainable.Should().NotBeEmpty();
        resolution.Slots["ck"].Problem.Should().Be(PrefetchResolver.ServerUnusable);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public void FhirAuthorization_ToString_NeverShowsTheToken()
    {
        new FhirAuthorization { AccessToken = FakeFhirServer.AccessToken }.ToString().Should().NotContain(FakeFhirServer.AccessToken);
    }

    private PrefetchResolver Resolver(int budgetMs = 400, FhirServerRule[]? rules = null) => TestResolver.Create(server, budgetMs, rules);

    internal static CdsServiceRequest Request(Uri? fhirServer, string prefetch)
    {
        var prefetchJson = JsonDocument.Parse(prefetch).RootElement.Clone();
        return new CdsServiceRequest
        {
            Hook = "patient-view",
            HookInstance = Guid.NewGuid().ToString(),
            FhirServer = fhirServer,
            FhirAuthorization = fhirServer is null ? null : new FhirAuthorization { AccessToken = FakeFhirServer.AccessToken, TokenType = "Bearer" },
            Context = Json("""{ "patientId": "pt-fetch-1", "userId": "Practitioner/1" }"""),
            Prefetch = prefetchJson.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
        };
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
