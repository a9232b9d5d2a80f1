using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>The logs of hook calls: hook, service, card counts, ruleset, duration; never the token, the JWT or patient data.</summary>
public sealed class CdsHooksLoggingTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>, IAsyncLifetime, IDisposable
{
    private readonly TestJwt ehr = new(TimeProvider.System);
    private FakeFhirServer server = null!;

    public async Task InitializeAsync() => server = await FakeFhirServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => ehr.Dispose();

    [Fact]
    public async Task HookCalls_WithTokenJwtAndPatientData_LogCountsAndRulesetButNoneOfThose()
    {
        var sink = new CapturingSink();
        var settings = ehr.Settings();
        settings["CdsHooks:RequireJwt"] = "true";
        foreach (var (key, value) in server.Settings(5000))
        {
            settings[key] = value;
        }

        using var host = factory.With(settings, sink);
        using var client = host.CreateClient();
        var fetched = $$"""
            { "hookInstance": "{{Guid.NewGuid()}}", "hook": "patient-view", "fhirServer": "{{server.BaseUrl}}",
              "fhirAuthorization": { "access_token": "{{FakeFhirServer.AccessToken}}", "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read", "subject": "imnm" },
              "context": { "userId": "Practitioner/neuro-1", "patientId": "pt-fetch-1" } }
            """;
        var jwt = ehr.Token("http://localhost/cds-services/imnm-assessment");
        var badJwt = ehr.Token("http://localhost/cds-services/wrong");

        (await client.PostHookAsync("imnm-assessment", fetched, jwt)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-hmgcr-statin-exposed.json"), badJwt))
            .StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);

        var log = sink.Render("ElapsedMs");
        log.Should().Contain("CDS hook {Hook} for {ServiceId} answered {CardCount} cards ({CriticalCount} critical) with {RulesetVersion}");
        log.Should().Contain("JWT {JwtFailure}").And.Contain("WrongAudience");
        foreach (var secret in new[] { FakeFhirServer.AccessToken, jwt, badJwt, jwt.Split('.')[2], "pt-fetch-1", "pt-hmgcr-1", "8400", "atorvastatin", "1961" })
        {
            log.Should().NotContain(secret);
        }
    }
}
