namespace ImnmDecision.CdsHooks.Services;

/// <summary>The bearer token an EHR hands over for its FHIR server. Never logged, never stored.</summary>
internal sealed record FhirAuthorization
{
    /// <summary>The OAuth 2.0 access token.</summary>
    public required string AccessToken { get; init; }

    /// <summary>Always <c>Bearer</c>.</summary>
    public string? TokenType { get; init; }

    /// <summary>Granted scopes.</summary>
    public string? Scope { get; init; }

    /// <inheritdoc/>
    public override string ToString() => "FhirAuthorization { AccessToken = *** }";
}
