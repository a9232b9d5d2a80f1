using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// The FHIR server is not any server: in Production only allow-listed servers are called, private addresses
/// are refused after DNS resolution unless allowed explicitly, the token goes nowhere else, every failure reads
/// the same on the card, and a hostile server cannot make the service buffer a huge body.
/// </summary>
[Collection(FhirServerSafetyTests.Serial)]
public sealed class FhirServerSafetyTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>, IAsyncLifetime
{
    /// <summary>The collection of tests that measure memory: they run alone.</summary>
    public const string Serial = "Serial memory measurements";

    private FakeFhirServer server = null!;
    private readonly PrefetchTemplates templates = new(CdsFixtures.Codes);

    public async Task InitializeAsync() => server = await FakeFhirServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.9")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.251")]
    [InlineData("0.0.0.0")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    public void IsPublic_Addresses_OnlyPublicUnicastPasses(string address)
    {
        var expected = address is "8.8.8.8" or "2001:4860:4860::8888";

        GuardedConnector.IsPublic(IPAddress.Parse(address)).Should().Be(expected);
    }

    [Fact]
    public async Task PatientView_ProductionWithoutAllowList_NeverContactsTheServerAndSaysItCouldNotBeUsed()
    {
        using var client = factory.CreateClient();

        var response = await client.PostHookAsync("imnm-assessment", HookCall(server.BaseUrl.ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await response.Content.ReadAsStringAsync()).Should().Contain("the FHIR server could not be used").And.NotContain("127.0.0.1");
        server.Requests.Should().BeEmpty("the token must not reach a server nobody allowed");
    }

    [Theory]
    [InlineData("http://2130706433:{other}/fhir/R4")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/fhir/R4")]
    [InlineData("http://127.0.0.1:{other}/fhir/R4")]
    [InlineData("http://localhost:{port}/fhir/R4")]
    [InlineData("http://127.0.0.1:{port}/other")]
    public async Task PatientView_LoopbackSpellingsNotOnTheList_AreNeverContacted(string url)
    {
        var settings = server.Settings(3000);
        using var host = factory.With(settings);
        using var client = host.CreateClient();

        var response = await client.PostHookAsync("imnm-assessment", HookCall(url
            .Replace("{port}", server.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{other}", (server.BaseUrl.Port + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Resolve_AllowedButLoopbackWithoutAllowPrivateNetwork_IsRefusedAfterDnsResolution()
    {
        var rules = new[] { new FhirServerRule { Url = server.BaseUrl.ToString(), AllowHttp = true } };

        var resolution = await TestResolver.Create(server, 3000, rules).ResolveAsync(
            PrefetchResolverTests.Request(server.BaseUrl, "{}"), templates.Assessment, CancellationToken.None);

        resolution.Unobtainable.Should().NotBeEmpty();
        resolution.Slots["ck"].Problem.Should().Be(PrefetchResolver.ServerUnusable);
        server.Requests.Should().BeEmpty("the connection is refused before any byte is sent");
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(401)]
    public async Task PatientView_AnyServerFailure_ReadsTheSameOnTheCard(int status)
    {
        server.FailWith = status;
        server.OnlyFor = "MedicationRequest";
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", HookCall(server.BaseUrl.ToString()))).CardsAsync();

        var detail = cards[0]!["detail"]!.GetValue<string>();
        detail.Should().Contain("- Medication orders: the FHIR server could not be used.").And.NotContain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Resolve_HostileServerStreamingAHugeBody_StopsAtTheCapWithFlatMemory()
    {
        server.HugeBodyMiB = 512;
        var options = new StaticOptions<CdsHooksOptions>(new CdsHooksOptions());
        using var pool = new FhirBodyPool(options);
        var resolver = TestResolver.Create(server, 10_000, configure: o => o.FhirMaxResponseBytes = 2 * 1024 * 1024, pool: pool);
        for (var warm = 0; warm < 2; warm++)
        {
            await resolver.ResolveAsync(PrefetchResolverTests.Request(server.BaseUrl, "{}"), templates.Assessment, CancellationToken.None);
        }

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var resolution = await resolver.ResolveAsync(PrefetchResolverTests.Request(server.BaseUrl, "{}"), templates.Assessment, CancellationToken.None);

        var allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / 1024.0;
        resolution.Slots.Values.Should().OnlyContain(s => s.State == PrefetchState.FetchFailed, "every answer was over the cap");
        allocatedMiB.Should().BeLessThan(8, "7 parallel fetches of a 512 MiB body stop at the caps (2 MiB each, 8 MiB for the hook), in blocks of the pool that earlier calls filled");
        pool.Free.Should().Be(pool.Capacity, "every block went back to the pool");
    }

    private static string HookCall(string fhirServer) => new JsonObject
    {
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["hook"] = "patient-view",
        ["fhirServer"] = fhirServer,
        ["fhirAuthorization"] = new JsonObject { ["access_token"] = FakeFhirServer.AccessToken, ["token_type"] = "Bearer", ["subject"] = "imnm" },
        ["context"] = new JsonObject { ["userId"] = "Practitioner/neuro-1", ["patientId"] = "pt-fetch-1" },
    }.ToJsonString();
}
