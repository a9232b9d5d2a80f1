namespace ImnmDecision.CdsHooks;

/// <summary>One public JSON Web Key (RFC 7517), as written in configuration; property names as in the JWK.</summary>
internal sealed class CdsJwkOptions
{
    /// <summary>Key type: <c>EC</c> or <c>RSA</c>.</summary>
    public string? Kty { get; set; }

    /// <summary>Key id, matched against the JWT's <c>kid</c> header.</summary>
    public string? Kid { get; set; }

    /// <summary>Intended use; when present it must be <c>sig</c>.</summary>
    public string? Use { get; set; }

    /// <summary>Algorithm; when present it must match the JWT's <c>alg</c>.</summary>
    public string? Alg { get; set; }

    /// <summary>EC curve (<c>P-384</c>).</summary>
    public string? Crv { get; set; }

    /// <summary>EC x coordinate, base64url.</summary>
    public string? X { get; set; }

    /// <summary>EC y coordinate, base64url.</summary>
    public string? Y { get; set; }

    /// <summary>RSA modulus, base64url.</summary>
    public string? N { get; set; }

    /// <summary>RSA public exponent, base64url.</summary>
    public string? E { get; set; }
}
