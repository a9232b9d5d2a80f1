using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// The public keys of an allowed issuer: from its inline JWK Set, or fetched from its JWK Set URL and cached.
/// A JWT's <c>jku</c> header is followed only when it is one of the issuer's configured URLs; any other
/// <c>jku</c> is ignored, so a token can never point the service at keys of its own choosing.
/// </summary>
internal sealed class JwksProvider(IHttpClientFactory httpClients, IOptionsMonitor<CdsHooksOptions> options, TimeProvider clock, ILogger<JwksProvider> logger)
{
    /// <summary>The named HttpClient for JWK Set downloads.</summary>
    public const string HttpClientName = "CdsHooks.Jwks";

    private const int MaxJwksBytes = 256 * 1024;
    private static readonly TimeSpan MinRefetchInterval = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions JwksJson = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, (DateTimeOffset FetchedAt, IReadOnlyList<CdsJwkOptions> Keys)> cache = new(StringComparer.Ordinal);

    /// <summary>The candidate keys for a token from this issuer.</summary>
    public async Task<IReadOnlyList<CdsJwkOptions>> KeysAsync(CdsIssuerOptions issuer, string? jku, string? kid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var allowedJku = jku is not null
            && (string.Equals(jku, issuer.JwksUrl, StringComparison.Ordinal) || issuer.AllowedJku.Contains(jku, StringComparer.Ordinal));
        if (!allowedJku && issuer.Jwks is { Keys.Count: > 0 } inline)
        {
            return inline.Keys;
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

        var keys = await FetchAsync(uri, cancellationToken);
        if (keys is null)
        {
            return hasCached ? cached.Keys : [];
        }

        cache[uri.AbsoluteUri] = (now, keys);
        return keys;
    }

    private async Task<IReadOnlyList<CdsJwkOptions>?> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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

            var set = JsonSerializer.Deserialize<CdsJwksOptions>(buffer.AsSpan(0, length), JwksJson);
            return set?.Keys ?? [];
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not fetch a JWK Set: {ExceptionType}", exception.GetType().Name);
            return null;
        }
    }

    private static bool IsAllowedScheme(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps
        || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));
}
