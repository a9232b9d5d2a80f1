using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImnmDecision.Api.Tests.Security;

/// <summary>Bearer tokens with scopes on /api/v1 in Production, the per-client rate limit, security headers, the Swagger switch.</summary>
public sealed class ApiSecurityTests : IDisposable
{
    private const string Case = """{"ck":{"value":9000,"unit":"U/L","upperLimitOfNormal":200},"antibodies":{"hmgcr":"negative","srp":"positive"}}""";
    private readonly TestTokens tokens = new();

    [Fact]
    public async Task V1_NoTokenInProduction_Answers401AsProblem()
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var client = factory.CreateClient();

        using var ruleset = await client.GetAsync(new Uri("/api/v1/ruleset", UriKind.Relative));
        using var assess = await client.PostAsync(new Uri("/api/v1/assessments", UriKind.Relative), Json(Case));

        ruleset.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        ruleset.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        ruleset.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        assess.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task V1_DefaultSettingsInProduction_Answers401WithoutAnyAuthority()
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?> { ["Api:Auth:SigningKeyPem"] = string.Empty, ["Api:Auth:Enabled"] = null });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create("ward-app", "imnm.assess"));

        using var response = await client.GetAsync(new Uri("/api/v1/ruleset", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no key or authority is configured, so no token can be trusted");
        health.StatusCode.Should().Be(HttpStatusCode.OK, "probes need no token");
    }

    [Fact]
    public async Task V1_TokenWithScopes_AnswersAndWithoutTheScopeForbids()
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var client = factory.CreateClient();

        using var allowed = await SendAsync(client, HttpMethod.Post, "/api/v1/assessments", tokens.Create("ward-app", "imnm.assess"), Case);
        using var readOnly = await SendAsync(client, HttpMethod.Post, "/api/v1/assessments", tokens.Create("ward-app", "imnm.summaries"), Case);
        using var batch = await SendAsync(client, HttpMethod.Post, "/api/v1/assessments/batch", tokens.Create("ward-app", "imnm.assess"), "[" + Case + "]");
        using var read = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", tokens.Create("ward-app", "imnm.summaries"), null);

        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        readOnly.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        batch.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the batch needs its own scope");
        read.StatusCode.Should().Be(HttpStatusCode.OK, "reading the ruleset needs any valid token");
    }

    [Fact]
    public async Task V1_TokenForAnotherAudienceOrKey_Answers401()
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var client = factory.CreateClient();
        using var otherIdp = new TestTokens();

        using var wrongAudience = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", tokens.Create("ward-app", "imnm.assess", audience: "other-api"), null);
        using var wrongKey = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", otherIdp.Create("ward-app", "imnm.assess"), null);

        wrongAudience.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task V1_TokenWithACriticalHeaderExtension_Answers401()
    {
        // RFC 7515 section 4.1.11: a "crit" extension the recipient does not understand makes the token invalid.
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var client = factory.CreateClient();
        var critical = new Dictionary<string, object> { ["crit"] = new[] { "exp-policy" }, ["exp-policy"] = "strict" };

        using var plain = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", tokens.Create("ward-app", "imnm.assess"), null);
        using var withCrit = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", tokens.Create("ward-app", "imnm.assess", header: critical), null);

        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        withCrit.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task V1_EcSigningKey_AcceptsItsTokensAndTheProbesStillAnswer()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?> { ["Api:Auth:SigningKeyPem"] = ec.ExportSubjectPublicKeyInfoPem() });
        using var client = factory.CreateClient();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["client_id"] = "ward-app", ["scope"] = "imnm.assess" },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha384),
        });

        using var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var allowed = await SendAsync(client, HttpMethod.Post, "/api/v1/assessments", token, Case);
        using var otherKey = await SendAsync(client, HttpMethod.Post, "/api/v1/assessments", tokens.Create("ward-app", "imnm.assess"), Case);

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK, "an EC public key is a documented Api:Auth:SigningKeyPem");
        otherKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task V1_InDevelopment_NeedsNoToken()
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?> { ["Api:Auth:Enabled"] = null }, "Development");
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/assessments", UriKind.Relative), Json(Case));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RateLimit_101stRequestOverALimitOf100_Answers429WithRetryAfterForThatClientOnly()
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>
        {
            ["Api:RateLimit:PermitLimit"] = "100",
            ["Api:RateLimit:WindowSeconds"] = "300",
        });
        using var client = factory.CreateClient();
        var busy = tokens.Create("busy-app", "imnm.assess");

        for (var i = 0; i < 100; i++)
        {
            using var ok = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", busy, null);
            ok.StatusCode.Should().Be(HttpStatusCode.OK, $"request {i + 1} is within the limit");
        }

        using var refused = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", busy, null);
        using var other = await SendAsync(client, HttpMethod.Get, "/api/v1/ruleset", tokens.Create("quiet-app", "imnm.assess"), null);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 300);
        (await refused.ReadJsonAsync())["status"]!.GetValue<int>().Should().Be(429);
        other.StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per client");
    }

    [Fact]
    public async Task Headers_EveryAnswer_CarriesTheSecurityHeaders()
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task Hsts_BehindATrustedTlsProxy_SentOnlyForHttps(string forwardedProto, bool expected)
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?> { ["Api:TrustForwardedHeaders"] = "true" });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health/live", UriKind.Relative));
        request.Headers.Host = "imnm.hospital.example";
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);

        using var response = await client.SendAsync(request);

        response.Headers.Contains("Strict-Transport-Security").Should().Be(expected);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("true", HttpStatusCode.OK)]
    public async Task SwaggerUi_InProduction_ServedOnlyWhenSwitchedOn(string? setting, HttpStatusCode expected)
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?> { ["Api:SwaggerUi"] = setting });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));

        response.StatusCode.Should().Be(expected);
    }

    public void Dispose() => tokens.Dispose();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        return await client.SendAsync(request);
    }
}
