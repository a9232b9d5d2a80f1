namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// The EHR that made a CDS call, as the JWT check verified it (its <c>iss</c>), kept on the request for the
/// feedback and audit entries; null when JWT checking is off.
/// </summary>
internal static class CdsCaller
{
    private static readonly object Key = new();

    /// <summary>Records the verified issuer on the request.</summary>
    public static void Verified(HttpContext http, string? issuer)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Key] = issuer;
    }

    /// <summary>The verified issuer of this request, or null.</summary>
    public static string? Issuer(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(Key, out var issuer) ? issuer as string : null;
    }
}
