namespace ImnmDecision.CdsHooks;

/// <summary>Cross-origin settings of the CDS endpoints.</summary>
internal sealed class CdsCorsOptions
{
    /// <summary>
    /// Origins allowed to call from a browser. Empty (the default) or <c>*</c> allows any origin. Calls carry a JWT
    /// in the <c>Authorization</c> header, never cookies, so credentials are not allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may cache a preflight answer, in seconds.</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}
