namespace ImnmDecision.CdsHooks.Security;

/// <summary>Why a JWT was refused (logged; the caller only gets a bare 401).</summary>
internal enum JwtFailure
{
    /// <summary>No <c>Authorization: Bearer</c> header.</summary>
    Missing,
    /// <summary>Not a compact JWS with a JSON header and payload.</summary>
    Malformed,
    /// <summary>An algorithm other than ES384 or RS384 (HMAC and <c>none</c> included).</summary>
    AlgorithmNotAllowed,
    /// <summary><c>iss</c> is not an allowed issuer.</summary>
    IssuerNotAllowed,
    /// <summary>No configured key fits the token's <c>kid</c> and algorithm.</summary>
    NoKey,
    /// <summary>The signature does not verify.</summary>
    BadSignature,
    /// <summary>A required claim is absent or of the wrong type.</summary>
    MissingClaim,
    /// <summary><c>exp</c> has passed.</summary>
    Expired,
    /// <summary><c>iat</c> or <c>nbf</c> lies in the future.</summary>
    NotYetValid,
    /// <summary><c>exp</c> lies further ahead than the allowed lifetime.</summary>
    LifetimeTooLong,
    /// <summary><c>aud</c> is not the URL that was called.</summary>
    WrongAudience,
    /// <summary>The <c>jti</c> was seen before.</summary>
    Replayed,
}
