using System.Net;
using System.Net.Http.Headers;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Api.Tests.Security;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// The answers of the security layer (401 without a token, 403 without the scope, 429 over the rate limit) match
/// openapi/v1.json, with their documented headers (<c>WWW-Authenticate</c>, <c>Retry-After</c>, <c>X-Ruleset-Version</c>).
/// </summary>
public sealed class SecurityProblemConformanceTests : IDisposable
{
    private static readonly OpenApiContract Contract = OpenApiContract.Committed;

    private readonly TestTokens tokens = new();
    private readonly SecuredApiFactory factory;

    public SecurityProblemConformanceTests() => factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>
    {
        ["Api:RateLimit:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Api:RateLimit:WindowSeconds"] = "300",
    });

    private const int PermitLimit = 20;

    /// <summary>Each operation (method, path, template) with a scope that does not open it (null: any token does).</summary>
    private static readonly (string Method, string Path, string Template, string? OtherScope)[] Operations =
    [
        ("GET", "/api/v1/ruleset", "/api/v1/ruleset", null),
        ("GET", "/api/v1/rules/subtype.anti-srp", "/api/v1/rules/{ruleId}", null),
        ("POST", "/api/v1/assessments", "/api/v1/assessments", "imnm.summaries"),
        ("POST", "/api/v1/assessments/batch", "/api/v1/assessments/batch", "imnm.assess"),
        ("GET", "/api/v1/audit/summary", "/api/v1/audit/summary", "imnm.assess"),
        ("GET", "/api/v1/feedback/summary", "/api/v1/feedback/summary", "imnm.batch"),
    ];

    [Fact]
    public async Task NoToken401_AndWrongScope403_Conform()
    {
        using var client = factory.CreateClient();
        var failures = new List<string>();

        foreach (var (method, path, template, otherScope) in Operations)
        {
            using var anonymous = await SendAsync(client, method, path, token: null);
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
            failures.AddRange(await Contract.CheckAsync(method, template, anonymous));

            if (otherScope is not null)
            {
                using var forbidden = await SendAsync(client, method, path, tokens.Create("scope-" + Guid.NewGuid().ToString("N"), otherScope));
                forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
                failures.AddRange(await Contract.CheckAsync(method, template, forbidden));
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task OverTheRateLimit429_ConformsWithItsRetryAfter()
    {
        using var client = factory.CreateClient();
        var busy = tokens.Create("busy-" + Guid.NewGuid().ToString("N"), "imnm.assess imnm.summaries");
        for (var i = 0; i < PermitLimit; i++)
        {
            using var ok = await SendAsync(client, "GET", "/api/v1/ruleset", busy);
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
            (await Contract.CheckAsync("GET", "/api/v1/ruleset", ok)).Should().BeEmpty();
        }

        using var refused = await SendAsync(client, "GET", "/api/v1/ruleset", busy);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        (await Contract.CheckAsync("GET", "/api/v1/ruleset", refused)).Should().BeEmpty();
    }

    public void Dispose()
    {
        factory.Dispose();
        tokens.Dispose();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (method == "POST")
        {
            request.Content = path.EndsWith("/batch", StringComparison.Ordinal)
                ? Json.Body("caseId,ck.value\nc1,5000\n", "text/csv")
                : Json.Body(Cases.HmgcrStatinExposed);
        }

        return await client.SendAsync(request);
    }
}
