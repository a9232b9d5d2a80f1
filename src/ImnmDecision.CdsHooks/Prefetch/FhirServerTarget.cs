namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>A FHIR server the policy allows for this call: its base URL and whether it may sit on a private network.</summary>
/// <param name="BaseUrl">The base URL, ending with a slash.</param>
/// <param name="AllowPrivateNetwork">Whether loopback, link-local and private addresses are allowed for it (tests, local development).</param>
internal sealed record FhirServerTarget(Uri BaseUrl, bool AllowPrivateNetwork)
{
    /// <summary>
    /// Whether a URL (a paging link) lies under this server's base URL (same scheme, host, port and path prefix), or is
    /// the base URL itself with a query, as HAPI FHIR writes its paging links (<c>{base}?_getpages=...</c>).
    /// </summary>
    public bool Contains(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri
            && string.IsNullOrEmpty(url.UserInfo)
            && string.Equals(url.Scheme, BaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.IdnHost, BaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
            && url.Port == BaseUrl.Port
            && (url.AbsolutePath.StartsWith(BaseUrl.AbsolutePath, StringComparison.Ordinal)
                || url.AbsolutePath == BaseUrl.AbsolutePath.TrimEnd('/'));
    }
}
