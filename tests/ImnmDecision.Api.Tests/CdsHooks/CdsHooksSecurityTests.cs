using System.Net;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// JWT checking in the real host (on, as outside Development) and CORS on every CDS endpoint, including preflight.
/// </summary>
public sealed class CdsHooksSecurityTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>, IDisposable
{
    private const string ServiceUrl = "http://localhost/cds-services/imnm-assessment";
    private readonly TestJwt ehr = new(TimeProvider.System);

    public void Dispose() => ehr.Dispose();

    [Theory]
    [InlineData("ES384")]
    [InlineData("RS384")]
    public async Task Call_ValidJwt_IsAnswered(string alg)
    {
        using var client = Secured().CreateClient();

        var response = await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"), ehr.Token(ServiceUrl, alg));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Call_JwtRefusedForAnyReason_IsABare401()
    {
        using var client = Secured().CreateClient();
        var body = CdsFixtures.Text("patient-view-anti-srp.json");
        var replayed = ehr.Token(ServiceUrl);
        (await client.PostHookAsync("imnm-assessment", body, replayed)).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["expired"] = ehr.Token(ServiceUrl, change: c => { c["iat"] = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeSeconds(); c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds(); }),
            ["wrong audience"] = ehr.Token("http://localhost/cds-services/imnm-statin-order"),
            ["replayed"] = replayed,
            ["HMAC"] = ehr.Token(ServiceUrl, "HS256"),
            ["none"] = ehr.Token(ServiceUrl, "none"),
            ["unknown issuer"] = ehr.Token(ServiceUrl, change: c => c["iss"] = "https://other-ehr.example.org"),
        };
        foreach (var (reason, token) in refused)
        {
            var response = await client.PostHookAsync("imnm-assessment", body, token);

            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, reason);
            (await response.Content.ReadAsStringAsync()).Should().BeEmpty(reason);
        }
    }

    [Fact]
    public async Task Feedback_And_Discovery_NeedAJwtForTheirOwnUrl()
    {
        using var client = Secured().CreateClient();
        var feedback = """{ "feedback": [ { "card": "8d7d3c53-2a77-4a4e-9d9e-0f5b3c1f0a11", "outcome": "overridden", "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""";

        (await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback, ehr.Token(ServiceUrl))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "aud is the service, not its feedback URL");
        (await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback, ehr.Token(ServiceUrl + "/feedback"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/cds-services", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var discovery = new HttpRequestMessage(HttpMethod.Get, new Uri("/cds-services", UriKind.Relative));
        discovery.Headers.Authorization = new("Bearer", ehr.Token("http://localhost/cds-services"));
        (await client.SendAsync(discovery)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Discovery_WithAnonymousDiscoveryAllowed_NeedsNoJwtButServicesStillDo()
    {
        using var client = Secured(new() { ["CdsHooks:AllowAnonymousDiscovery"] = "true" }).CreateClient();

        (await client.GetAsync(new Uri("/cds-services", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-srp.json"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Call_BehindAProxy_ChecksTheAudienceAgainstThePublicUrl()
    {
        using var client = Secured(new() { ["CdsHooks:PublicBaseUrl"] = "https://cds.example.org/imnm/" }).CreateClient();
        var body = CdsFixtures.Text("patient-view-anti-srp.json");

        (await client.PostHookAsync("imnm-assessment", body, ehr.Token(ServiceUrl))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostHookAsync("imnm-assessment", body, ehr.Token("https://cds.example.org/imnm/cds-services/imnm-assessment"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/cds-services", "GET")]
    [InlineData("/cds-services/imnm-assessment", "POST")]
    [InlineData("/cds-services/imnm-statin-order", "POST")]
    [InlineData("/cds-services/imnm-assessment/feedback", "POST")]
    public async Task Preflight_EveryCdsEndpoint_IsAllowedWithoutAJwt(string path, string method)
    {
        using var client = Secured().CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        preflight.Headers.Add("Origin", "https://sandbox.cds-hooks.org");
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await client.SendAsync(preflight);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain(method);
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ToUpperInvariant().Should().Contain("AUTHORIZATION").And.Contain("CONTENT-TYPE");
    }

    [Fact]
    public async Task Call_FromABrowserOrigin_CarriesTheCorsHeaderEvenWhenRefused()
    {
        using var client = Secured().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/cds-services/imnm-assessment", UriKind.Relative))
        {
            Content = new StringContent(CdsFixtures.Text("patient-view-anti-srp.json"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "https://sandbox.cds-hooks.org");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
    }

    [Fact]
    public async Task Preflight_FromAnOriginNotAllowed_GetsNoCorsHeaders()
    {
        using var client = Secured(new() { ["CdsHooks:Cors:AllowedOrigins:0"] = "https://ehr.example.org" }).CreateClient();
        using var allowed = Preflight("https://ehr.example.org");
        using var other = Preflight("https://elsewhere.example.org");

        var yes = await client.SendAsync(allowed);
        var no = await client.SendAsync(other);

        yes.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://ehr.example.org");
        no.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/cds-services/imnm-assessment", UriKind.Relative));
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        return preflight;
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Secured(Dictionary<string, string?>? extra = null)
    {
        var settings = ehr.Settings();
        settings["CdsHooks:RequireJwt"] = "true";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return factory.With(settings);
    }
}
