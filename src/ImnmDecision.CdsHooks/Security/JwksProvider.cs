using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using ImnmDecision.CdsHooks.Prefetch;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// The public keys of an allowed issuer: from its inline JWK Set, or fetched from its JWK Set URL and cached.
/// A JWT's <c>jku</c> header is followed only when it is one of the issuer's configured URLs; any other
/// <c>jku</c> is ignored, so a token can never point the service at keys of its own choosing. Downloads go
/// through the same guarded connection step as the FHIR client (public addresses only, unless the issuer's entry
/// allows its private network; no redirects), with a size cap and a time limit; the keys are IdentityModel
/// <see cref="JsonWebKey"/> objects, built once per configured or fetched set.
/// </summary>
internal sealed class JwksProvider(IHttpClientFactory httpClients, IOptionsMonitor<CdsHooksOptions> options, TimeProvider clock, ILogger<JwksProvider> logger)
{
    /// <summary>The named HttpClient for JWK Set downloads.</summary>
    public const string HttpClientName = "CdsHooks.Jwks";

    private const int MaxJwksBytes = 256 * 1024;
    private static readonly TimeSpan MinRefetchInterval = TimeSpan.FromSeconds(30);
    private const int MinRsaBits = 2048;
    private readonly ConcurrentDictionary<string, (DateTimeOffset FetchedAt, IReadOnlyList<JsonWebKey> Keys)> cache = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<CdsJwksOptions, IReadOnlyList<JsonWebKey>> inlineKeys = [];

    /// <summary>The candidate keys for a token from this issuer.</summary>
    public async Task<IReadOnlyList<JsonWebKey>> KeysAsync(CdsIssuerOptions issuer, string? jku, string? kid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var allowedJku = jku is not null
            && (string.Equals(jku, issuer.JwksUrl, StringComparison.Ordinal) || issuer.AllowedJku.Contains(jku, StringComparer.Ordinal));
        if (!allowedJku && issuer.Jwks is { Keys.Count: > 0 } inline)
        {
            return inlineKeys.GetValue(inline, set => [.. set.Keys.Select(ToJsonWebKey)]);
        }

        var url = allowedJku ? jku : issuer.JwksUrl;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsAllowedScheme(uri))
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var maxAge = TimeSpan.FromMinutes(Math.Max(1, options.CurrentValue.JwksCacheMinutes));
        var hasCached = cache.TryGetValue(uri.AbsoluteUri, out var cached);
        if (hasCached)
        {
            var fresh = now - cached.FetchedAt < maxAge;
            var hasKid = kid is null || cached.Keys.Any(k => k.Kid == kid);
            // A key rotation shows up as an unknown kid: fetch again, but not more often than every 30 s.
            if (fresh && (hasKid || now - cached.FetchedAt < MinRefetchInterval))
            {
                return cached.Keys;
            }
        }

        var keys = await FetchAsync(uri, issuer.AllowPrivateNetwork, cancellationToken);
        if (keys is null)
        {
            return hasCached ? cached.Keys : [];
        }

        cache[uri.AbsoluteUri] = (now, keys);
        return keys;
    }

    /// <summary>Whether a key can verify a token of this algorithm and key id (an RSA key of at least 2048 bits, an EC key on P-384).</summary>
    public static bool Fits(JsonWebKey key, string alg, string? kid)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (kid is null || key.Kid == kid)
            && (string.IsNullOrEmpty(key.Use) || key.Use == "sig")
            && (string.IsNullOrEmpty(key.Alg) || key.Alg == alg)
            && (alg == SecurityAlgorithms.EcdsaSha384
                ? key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && key.Crv == JsonWebKeyECTypes.P384
                : key.Kty == JsonWebAlgorithmsKeyTypes.RSA && RsaBits(key.N) >= MinRsaBits);
    }

    private static int RsaBits(string? modulus)
    {
        try
        {
            return string.IsNullOrEmpty(modulus) ? 0 : Base64UrlEncoder.DecodeBytes(modulus).AsSpan().TrimStart((byte)0).Length * 8;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    private static JsonWebKey ToJsonWebKey(CdsJwkOptions key) => new()
    {
        Kty = key.Kty,
        Kid = key.Kid,
        Use = key.Use,
        Alg = key.Alg,
        Crv = key.Crv,
        X = key.X,
        Y = key.Y,
        N = key.N,
        E = key.E,
    };

    private async Task<IReadOnlyList<JsonWebKey>?> FetchAsync(Uri uri, bool allowPrivateNetwork, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var http = httpClients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Options.Set(GuardedConnector.AllowPrivateNetwork, allowPrivateNetwork);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxJwksBytes)
            {
                logger.LogWarning("Could not fetch a JWK Set: HTTP {StatusCode}", (int)response.StatusCode);
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[MaxJwksBytes + 1];
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token)) > 0)
            {
                length += read;
                if (length > MaxJwksBytes)
                {
                    logger.LogWarning("A JWK Set was larger than {MaxBytes} bytes and was refused", MaxJwksBytes);
                    return null;
                }
            }

            return [.. JsonWebKeySet.Create(Encoding.UTF8.GetString(buffer, 0, length)).Keys];
        }
        catch (Exception exception) when (exception is HttpRequestException or ArgumentException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not fetch a JWK Set: {ExceptionType}", exception.GetType().Name);
            return null;
        }
    }

    private static bool IsAllowedScheme(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps
        || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip))));
}
