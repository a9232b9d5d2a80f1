namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// One entry of <c>CdsHooks:FhirServers</c>: a FHIR server base URL (scheme, host, port and path prefix) this
/// service may call with the EHR's access token.
/// </summary>
internal sealed class FhirServerRule
{
    /// <summary>The base URL, for example <c>https://fhir.example-hospital.org/r4</c>; servers under this path match.</summary>
    public string Url { get; set; } = "";

    /// <summary>Allows plain <c>http</c> for this host (HTTPS only otherwise).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Allows loopback, link-local, private and multicast addresses for this host after DNS resolution
    /// (refused otherwise). For tests and local development only.
    /// </summary>
    public bool AllowPrivateNetwork { get; set; }
}
