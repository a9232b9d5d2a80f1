using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Api.Tests.Security;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Fuzzes the bearer tokens of /api/v1 (authentication on, as in Production): claims of every wrong type and
/// value, header tricks (alg none, an embedded key, a key id that is a path, critical extensions), broken
/// encodings and seeded byte damage to a valid token. Oracles: only an intact, valid token is let in; every
/// refusal is a 401 or 403 problem document that repeats nothing from the token (not in the body, not in
/// WWW-Authenticate); no 5xx; nothing from a token in the log. FUZZ_SEED replays the damage.
/// </summary>
public sealed class FuzzTokenTests : IDisposable
{
    private const string Marker = "ZQ7TOKEN";

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private readonly TestTokens tokens = new();

    public void Dispose() => tokens.Dispose();

    [Theory]
    [InlineData("iss", "\"ZQ7TOKEN-issuer\"")]
    [InlineData("aud", "\"ZQ7TOKEN-audience\"")]
    [InlineData("exp", "1000")]
    public async Task V1_RefusedToken_DoesNotRepeatItsClaimsInWwwAuthenticate(string claim, string value)
    {
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var client = factory.CreateClient();
        var claims = Claims();
        claims[claim] = value;

        using var response = await SendAsync(client, "Bearer " + tokens.Sign("""{"alg":"RS256","typ":"JWT"}""", Payload(claims)));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        challenge.Should().StartWith("Bearer").And.NotContain(Marker).And.NotContain("1000").And.NotContain("1970");
    }

    [Fact]
    public async Task Fuzz_BearerTokens_400Requests()
    {
        var sink = new CapturingSink();
        using var factory = new SecuredApiFactory(tokens, new Dictionary<string, string?>());
        using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(sink)));
        using var client = host.CreateClient();
        var cases = Fixed().Concat(Damaged()).ToList();
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, cancel) =>
        {
            var (label, authorization, admitted) = entry;
            using var response = await SendAsync(client, authorization);
            var body = await response.Content.ReadAsStringAsync(cancel);
            var status = (int)response.StatusCode;
            var challenge = response.Headers.WwwAuthenticate.ToString();
            if (admitted ? status != 200 : status is not (401 or 403)
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !body.Contains("\"traceId\"", StringComparison.Ordinal))
            {
                failures.Add($"{label}: {status} {body[..Math.Min(200, body.Length)]}");
            }

            if (body.Contains(Marker, StringComparison.Ordinal) || challenge.Contains(Marker, StringComparison.Ordinal) || challenge.Contains('\'', StringComparison.Ordinal))
            {
                failures.Add($"{label}: the answer repeats the token: {challenge} {body[..Math.Min(200, body.Length)]}");
            }
        });

        FuzzSchemaTests.Report(failures, $"seed {Seed}, {cases.Count} tokens");
        var log = sink.Render();
        log.Should().NotContain(Marker);
        var leaked = cases.Where(c => c.Authorization.Length > 40 && log.Contains(c.Authorization.Substring(7), StringComparison.Ordinal)).Select(c => c.Label);
        leaked.Should().BeEmpty("no token is written to the log");
    }

    private IEnumerable<(string Label, string Authorization, bool Admitted)> Fixed()
    {
        const string Rs256 = """{"alg":"RS256","typ":"JWT"}""";
        yield return ("valid", "Bearer " + tokens.Sign(Rs256, Payload(Claims())), true);
        var wrong = new (string Claim, string Value)[]
        {
            ("iss", $"\"{Marker}\""), ("iss", "5"), ("aud", $"\"{Marker}\""), ("aud", "5"), ("aud", "{}"), ("exp", "-1"), ("exp", "1e30"),
            ("exp", "100000000000000000000"), ("nbf", "100000000000000000000"), ("exp", "1000"), ("iss", "null"), ("aud", "[]"),
        };
        foreach (var (claim, value) in wrong)
        {
            var claims = Claims();
            claims[claim] = value;
            yield return ($"{claim}={value}", "Bearer " + tokens.Sign(Rs256, Payload(claims)), false);
        }

        foreach (var scope in new[] { "{}", "5", "null", $"\"{Marker}\"" })
        {
            var claims = Claims();
            claims["scope"] = scope;
            yield return ($"scope={scope}", "Bearer " + tokens.Sign(Rs256, Payload(claims)), false);
        }

        var valid = Payload(Claims());
        foreach (var header in new[] { """{"alg":"none"}""", """{"alg":"HS256"}""", $$"""{"alg":"RS256","kid":"../../{{Marker}}","jku":"http://127.0.0.1:1/{{Marker}}"}""", """{"alg":"RS256","jwk":{"kty":"RSA","n":"AQAB","e":"AQAB"}}""", """{"alg":"RS256","crit":["zq"],"zq":1}""", "[]", "{\"alg\":" })
        {
            yield return ($"header {header}", "Bearer " + tokens.Sign(header, valid), header.Contains("jku", StringComparison.Ordinal) || header.Contains("jwk", StringComparison.Ordinal));
        }

        yield return ("payload array", "Bearer " + tokens.Sign(Rs256, "[1]"), false);
        yield return ("payload deep", "Bearer " + tokens.Sign(Rs256, valid[..^1] + ",\"zq\":" + new string('[', 3000) + new string(']', 3000) + "}"), false);
        foreach (var raw in new[] { "Bearer", "Bearer ", "Basic YTpi", "Bearer a.b.c.d.e", "Bearer !!!.@@@.###", "Bearer " + new string('a', 20_000), $"Bearer {Marker}" })
        {
            yield return (raw.Length > 40 ? raw[..40] : raw, raw, false);
        }
    }

    private IEnumerable<(string Label, string Authorization, bool Admitted)> Damaged()
    {
        var random = new Random(unchecked((Seed * 1_000_003) + (600 * 100_003)));
        for (var i = 0; i < 360; i++)
        {
            var claims = Claims();
            claims["client_id"] = $"\"{Marker}-{i.ToString(CultureInfo.InvariantCulture)}\"";
            var token = tokens.Sign("""{"alg":"RS256","typ":"JWT"}""", Payload(claims)).ToCharArray().ToList();
            var at = random.Next(token.Count);
            switch (random.Next(4))
            {
                case 0:
                    token[at] = token[at] == 'A' ? 'B' : 'A';
                    break;
                case 1:
                    token.RemoveAt(at);
                    break;
                case 2:
                    token.Insert(at, "=.+/ %\u00e9"[random.Next(7)]);
                    break;
                default:
                    token.RemoveRange(at, token.Count - at);
                    break;
            }

            var text = new string([.. token]);
            yield return ($"FUZZ_SEED={Seed} token case {i}", "Bearer " + text, false);
        }
    }

    private static Dictionary<string, string> Claims()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, string>
        {
            ["iss"] = $"\"{TestTokens.Issuer}\"",
            ["aud"] = $"\"{TestTokens.Audience}\"",
            ["exp"] = (now + 300).ToString(CultureInfo.InvariantCulture),
            ["iat"] = now.ToString(CultureInfo.InvariantCulture),
            ["client_id"] = "\"fuzz\"",
            ["scope"] = "\"imnm.assess\"",
        };
    }

    private static string Payload(Dictionary<string, string> claims) => "{" + string.Join(',', claims.Select(c => $"\"{c.Key}\":{c.Value}")) + "}";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Json.AssessmentsPath, UriKind.Relative)) { Content = Json.Body("""{"ck":{"value":100}}""") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }
}
