namespace ImnmDecision.Api.Security;

/// <summary>
/// OAuth2/OIDC bearer tokens for <c>/api/v1</c> (<c>Api:Auth</c>): on by default outside Development. Tokens come
/// from the hospital's identity provider (<see cref="Authority"/>, whose signing keys are read from its OpenID
/// configuration) or are checked against a configured public key (<see cref="SigningKeyPem"/>, for sites without
/// discovery and for tests).
/// </summary>
internal sealed class ApiAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:Auth";

    /// <summary>On or off; when not set, on in every environment but Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The identity provider (OpenID Connect issuer URL); its keys are fetched from its discovery document.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>The audience tokens must name (this API's identifier at the identity provider).</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>The issuer tokens must name when <see cref="SigningKeyPem"/> is used (the authority's, otherwise).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>A PEM public key (RSA or EC) that signs the tokens, instead of the authority's published keys.</summary>
    public string SigningKeyPem { get; set; } = string.Empty;

    /// <summary>Whether the authority must be reached over HTTPS (keep on outside a lab).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The scope that allows <c>POST /api/v1/assessments</c>.</summary>
    public string AssessScope { get; set; } = "imnm.assess";

    /// <summary>The scope that allows <c>POST /api/v1/assessments/batch</c>.</summary>
    public string BatchScope { get; set; } = "imnm.batch";

    /// <summary>The scope that allows the feedback and audit summaries.</summary>
    public string SummariesScope { get; set; } = "imnm.summaries";
}
