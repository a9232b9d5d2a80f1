namespace ImnmDecision.CdsHooks;

/// <summary>An EHR (JWT issuer) allowed to call the CDS services, with where its public keys come from.</summary>
internal sealed class CdsIssuerOptions
{
    /// <summary>The exact <c>iss</c> value of the EHR's JWTs.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The issuer's JWK Set URL; a JWT's <c>jku</c> header must equal it (or one of <see cref="AllowedJku"/>).</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Further JWK Set URLs this issuer may name in a JWT's <c>jku</c> header.</summary>
    public List<string> AllowedJku { get; set; } = [];

    /// <summary>The issuer's JWK Set, inline: <c>{ "keys": [ { "kty": "EC", "crv": "P-384", ... } ] }</c>.</summary>
    public CdsJwksOptions? Jwks { get; set; }

    /// <summary>
    /// Whether the JWK Set URL may resolve to a private, loopback or link-local address (an EHR inside the
    /// hospital network); off by default, when only public addresses are contacted.
    /// </summary>
    public bool AllowPrivateNetwork { get; set; }
}
