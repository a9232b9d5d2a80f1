using System.Net;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Tests.Store;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Before Kestrel listens, the service sends CDS calls through its own pipeline in memory, with the FHIR client
/// reading from a loopback server inside the process: they are answered, stored nowhere, and open no door (a
/// call from the network still needs its JWT).
/// </summary>
public sealed class CdsWarmUpTests
{
    [Fact]
    public async Task StartUp_WarmsTheHttpPathThroughTheFhirClient_WithoutStoringAnythingOrOpeningTheJwtCheck()
    {
        using var ehr = new TestJwt(TimeProvider.System);
        var settings = new Dictionary<string, string?>(ehr.Settings())
        {
            ["CdsHooks:RequireJwt"] = "true",
            ["Store:SqlitePath"] = OpenTestAccess.NewSqlitePath(),
        };
        var sink = new CapturingSink();
        using var factory = new CdsKestrelFactory(settings, sink);
        factory.StartServer();
        using var client = factory.CreateClient();

        var log = sink.Render();
        log.Should().MatchRegex(@"CDS Hooks HTTP path warmed up .* statuses 200,(200|412),200, throw-away JWT verified [Tt]rue", "discovery and the second patient-view call were answered (the first, cold, may overrun its fetch budget)");
        log.Should().NotContain("request body size limit could not be applied", "the warm-up requests offer the body-size feature Kestrel offers");
        log.Should().MatchRegex(@"Fetched 12 prefetch keys and 0 further pages from the FHIR server in \d+ ms: 0 failed", "the warm-up fetched every key of the patient-view template (12 with labs, conditions, pregnancy status, dispenses and administrations) with the FHIR client");
        (await StoreRows.ReadAsync(settings, "SELECT COUNT(*) FROM audit")).Single()[0].Should().Be("0");
        (await StoreRows.ReadAsync(settings, "SELECT COUNT(*) FROM shown_card")).Single()[0].Should().Be("0");
        (await StoreRows.ReadAsync(settings, "SELECT COUNT(*) FROM jti")).Single()[0].Should().Be("0");

        using var anonymous = await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"));
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the warm-up's exemption never reaches a network request");
        using var signed = await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"), ehr.Token("http://localhost/cds-services/imnm-assessment"));
        signed.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
