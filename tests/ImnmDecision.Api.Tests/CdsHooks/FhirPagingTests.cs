using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Paging in both paths: a prefetched Bundle's next link is read from the FHIR server (same base only), a
/// fallback search keeps every page that arrived when the budget runs out, and the card says what is missing.
/// </summary>
public sealed class FhirPagingTests : IAsyncLifetime
{
    private FakeFhirServer server = null!;
    private readonly PrefetchTemplates templates = new(CdsFixtures.Codes);

    public async Task InitializeAsync() => server = await FakeFhirServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Resolve_PrefetchedBundleWithNextLink_ReadsTheNextPageAndUsesItsNewerCk()
    {
        var next = server.BaseUrl + "/Observation?patient=pt-fetch-1&code=http://loinc.org|2157-6&_sort=-date&page=2";
        var prefetch = $$"""
            { "ck": { "resourceType": "Bundle", "type": "searchset", "total": 2,
                      "link": [ { "relation": "self", "url": "{{server.BaseUrl}}/Observation?patient=pt-fetch-1" }, { "relation": "next", "url": "{{next}}" } ],
                      "entry": [ { "fullUrl": "{{server.BaseUrl}}/Observation/ck-0", "resource": {{FhirMapping.Ck("ck-0", "950", "U/L", "2023-01-10").Replace("pt-1", "pt-fetch-1", StringComparison.Ordinal)}} } ] } }
            """;

        var resolution = await TestResolver.Create(server, 5000).ResolveAsync(
            PrefetchResolverTests.Request(server.BaseUrl, prefetch), [templates.Assessment[1]], CancellationToken.None);

        resolution.Slots["ck"].Resources.Select(r => r.Resource.Id).Should().BeEquivalentTo("ck-0", "ck-1");
        resolution.Slots["ck"].Truncation.Should().BeNull();
        server.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Contain("page=2");
        var mapped = Map(resolution);
        mapped.Sections.Ck!.Value.Should().Be(8400, "page two holds the newer result (2024-03-02)");
    }

    [Fact]
    public async Task Resolve_PrefetchedBundleWithHapiPagingLinkAtTheBaseUrl_ReadsTheNextPage()
    {
        // HAPI FHIR (SMART's R4 sandbox, its launcher's /v/r4/fhir proxy) writes next links at the base URL itself.
        var next = server.BaseUrl + "?_getpages=5f0e7c1a-2b3d&_getpagesoffset=1&_count=1&_pretty=true&_bundletype=searchset";
        var prefetch = $$"""
            { "ck": { "resourceType": "Bundle", "type": "searchset", "total": 2,
                      "link": [ { "relation": "self", "url": "{{server.BaseUrl}}/Observation?patient=pt-fetch-1" }, { "relation": "next", "url": "{{next}}" } ],
                      "entry": [ { "fullUrl": "{{server.BaseUrl}}/Observation/ck-0", "resource": {{FhirMapping.Ck("ck-0", "950", "U/L", "2023-01-10").Replace("pt-1", "pt-fetch-1", StringComparison.Ordinal)}} } ] } }
            """;

        var resolution = await TestResolver.Create(server, 5000).ResolveAsync(
            PrefetchResolverTests.Request(server.BaseUrl, prefetch), [templates.Assessment[1]], CancellationToken.None);

        resolution.Slots["ck"].Resources.Select(r => r.Resource.Id).Should().BeEquivalentTo("ck-0", "ck-1");
        resolution.Slots["ck"].Truncation.Should().BeNull();
        server.Requests.Should().ContainSingle().Which.Should().Be(("/fhir/R4" + next[server.BaseUrl.ToString().Length..], $"Bearer {FakeFhirServer.AccessToken}"));
    }

    [Theory]
    [InlineData("https://launch.smarthealthit.org/v/r4/fhir?_getpages=abc&_getpagesoffset=10", true)]
    [InlineData("https://launch.smarthealthit.org/v/r4/fhir/Observation?patient=p&page=2", true)]
    [InlineData("https://launch.smarthealthit.org/v/r4/fhirx?_getpages=abc", false)]
    [InlineData("https://launch.smarthealthit.org/v/r4?_getpages=abc", false)]
    [InlineData("https://launch.smarthealthit.org:8443/v/r4/fhir?_getpages=abc", false)]
    public void ServerTarget_ThePagingLinkAtTheBaseUrlItself_IsUnderTheBase(string url, bool under)
    {
        var target = new FhirServerTarget(new Uri("https://launch.smarthealthit.org/v/r4/fhir/"), AllowPrivateNetwork: false);

        target.Contains(new Uri(url)).Should().Be(under);
    }

    [Fact]
    public async Task Resolve_PrefetchedBundleWithNextLinkAndNoFhirServer_SaysMorePagesWereNotRead()
    {
        var prefetch = """
            { "ck": { "resourceType": "Bundle", "type": "searchset",
                      "link": [ { "relation": "next", "url": "https://ehr.example.org/fhir/Observation?page=2" } ],
                      "entry": [ { "resource": { "resourceType": "Observation", "id": "ck-0", "status": "final",
                        "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6" } ] },
                        "effectiveDateTime": "2023-01-10", "valueQuantity": { "value": 950, "unit": "U/L" } } } ] } }
            """;

        var resolution = await TestResolver.Create(server).ResolveAsync(PrefetchResolverTests.Request(null, prefetch), [templates.Assessment[1]], CancellationToken.None);

        resolution.Slots["ck"].Truncation.Should().Contain("only the first page");
        Map(resolution).Gaps.Should().Contain(g => g.What == "CK results" && g.Failed && g.Reason.Contains("first page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_FallbackSearchWhoseSecondPageIsTooSlow_KeepsTheFirstPageAndSaysTheRestWasNotRead()
    {
        server.NextLink = server.BaseUrl + "/Observation?patient=pt-fetch-1&code=http://loinc.org|2157-6&page=2";
        server.PageDelay = TimeSpan.FromSeconds(20);

        var resolution = await TestResolver.Create(server, 2000).ResolveAsync(
            PrefetchResolverTests.Request(server.BaseUrl, "{}"), [templates.Assessment[1]], CancellationToken.None);

        var slot = resolution.Slots["ck"];
        slot.State.Should().Be(PrefetchState.Fetched);
        slot.Resources.Should().ContainSingle("page one arrived and is kept");
        slot.Truncation.Should().Be("only 1 page(s) of results were read; the FHIR server could not be used for the rest");
        Map(resolution).Sections.Ck!.Value.Should().Be(8400);
    }

    [Fact]
    public async Task Resolve_OrderReferringToAMedicationNobodySent_ReadsItFromTheServerWithTheToken()
    {
        var prefetch = """
            { "statinRequests": { "resourceType": "Bundle", "type": "searchset", "entry": [ { "resource":
                { "resourceType": "MedicationRequest", "id": "mr-1", "status": "active", "intent": "order",
                  "subject": { "reference": "Patient/pt-fetch-1" }, "medicationReference": { "reference": "Medication/med-9" } } } ] } }
            """;

        var resolution = await TestResolver.Create(server, 5000).ResolveAsync(
            PrefetchResolverTests.Request(server.BaseUrl, prefetch), [templates.Assessment[3]], CancellationToken.None);

        server.Requests.Should().ContainSingle().Which.Should().Be(("/fhir/R4/Medication/med-9", "Bearer " + FakeFhirServer.AccessToken));
        resolution.Slots.Should().ContainKey(MedicationFollowUp.Key.Name);
        Map(resolution).Notes.Should().Contain(
            n => n.Contains("refer to a Medication that was neither sent nor could be fetched", StringComparison.Ordinal),
            "the test server has no such Medication");
    }

    [Fact]
    public async Task Resolve_OrderReferringToAMedicationOnAnotherHost_DoesNotReadThatIdFromTheHooksServer()
    {
        var prefetch = """
            { "statinRequests": { "resourceType": "Bundle", "type": "searchset", "entry": [ { "resource":
                { "resourceType": "MedicationRequest", "id": "mr-1", "status": "active", "intent": "order",
                  "subject": { "reference": "Patient/pt-fetch-1" }, "medicationReference": { "reference": "https://other.example.org/fhir/Medication/med-9" } } } ] } }
            """;

        var resolution = await TestResolver.Create(server, 5000).ResolveAsync(
            PrefetchResolverTests.Request(server.BaseUrl, prefetch), [templates.Assessment[3]], CancellationToken.None);

        server.Requests.Should().BeEmpty("med-9 on another server is not the hook server's med-9");
        Map(resolution).Notes.Should().Contain(
            n => n.Contains("refer to a Medication that was neither sent nor could be fetched", StringComparison.Ordinal));
    }

    private static MappedCase Map(PrefetchResolution resolution) =>
        new FhirFindingsMapper(CdsFixtures.Codes, new FixedTime(CdsFixtures.Today)).Map("pt-fetch-1", resolution.Slots);
}
