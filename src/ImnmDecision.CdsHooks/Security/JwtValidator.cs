using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// Checks the JWT an EHR signs for each CDS Hooks call with the IdentityModel <see cref="JsonWebTokenHandler"/>:
/// a compact JWS signed with ES384 or RS384 (<see cref="TokenValidationParameters.ValidAlgorithms"/>; HMAC and
/// <c>none</c> are refused) by a key of an allowed issuer, taken from the issuer's JWK Set. Claims: <c>iss</c>
/// allowed, <c>aud</c> the exact URL called, <c>exp</c> not passed, <c>nbf</c> and <c>iat</c> not in the future
/// (small skew), a lifetime no longer than allowed, <c>jti</c> never seen before (the replay cache, shared
/// through the store). The handler's verdict is mapped onto <see cref="JwtFailure"/>; the token is never logged.
/// </summary>
internal sealed class JwtValidator(JwksProvider keys, JtiReplayCache replay, IOptionsMonitor<CdsHooksOptions> options, TimeProvider clock)
{
    /// <summary>Longest accepted token, in characters.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private const int MaxJtiLength = 256;
    private static readonly string[] Algorithms = [SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSha384];
    private readonly JsonWebTokenHandler handler = new() { MaximumTokenSizeInBytes = MaxTokenLength, MapInboundClaims = false };

    public async Task<JwtCheck> ValidateAsync(string? token, string expectedAudience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectedAudience);
        if (string.IsNullOrEmpty(token))
        {
            return JwtCheck.Fail(JwtFailure.Missing);
        }

        // Only a compact JWS (three parts): an encrypted token (five parts) is not something an EHR sends here.
        if (token.Length > MaxTokenLength || token.AsSpan().Count('.') != 2 || !TryRead(token, out var jwt))
        {
            return JwtCheck.Fail(JwtFailure.Malformed);
        }

        if (!Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return JwtCheck.Fail(JwtFailure.AlgorithmNotAllowed);
        }

        // A critical header this service does not understand must be refused (RFC 7515 section 4.1.11).
        if (jwt.TryGetHeaderValue<object>("crit", out _) || (jwt.Typ is { Length: > 0 } typ && !typ.Equals("JWT", StringComparison.OrdinalIgnoreCase)))
        {
            return JwtCheck.Fail(JwtFailure.Malformed);
        }

        var settings = options.CurrentValue;
        var iss = Claim(jwt, JwtRegisteredClaimNames.Iss);
        var issuer = iss is null ? null : settings.Issuers.FirstOrDefault(i => string.Equals(i.Issuer, iss, StringComparison.Ordinal));
        if (issuer is null)
        {
            return JwtCheck.Fail(JwtFailure.IssuerNotAllowed);
        }

        var kid = jwt.Kid is { Length: > 0 } k ? k : null;
        var jku = jwt.TryGetHeaderValue<string>("jku", out var url) ? url : null;
        var candidates = (await keys.KeysAsync(issuer, jku, kid, cancellationToken)).Where(key => JwksProvider.Fits(key, jwt.Alg, kid)).ToList();
        if (candidates.Count == 0)
        {
            return JwtCheck.Fail(JwtFailure.NoKey);
        }

        var skew = TimeSpan.FromSeconds(Math.Max(0, settings.ClockSkewSeconds));
        var result = await handler.ValidateTokenAsync(jwt, Parameters(iss!, expectedAudience, candidates, skew));
        if (!result.IsValid)
        {
            return JwtCheck.Fail(Failure(result.Exception));
        }

        return await CheckRestAsync(jwt, iss!, skew, settings.MaxTokenLifetimeSeconds);
    }

    /// <summary>
    /// Signs a token with a throw-away ES384 key and verifies it with this validator's handler and rules, so the
    /// first EHR call does not pay for loading that code. Touches neither the keys of any issuer nor the replay
    /// cache (nothing is recorded). True when the throw-away token verified.
    /// </summary>
    public async Task<bool> WarmUpAsync()
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var key = new ECDsaSecurityKey(ecdsa) { KeyId = "warm-up" };
        var now = clock.GetUtcNow().UtcDateTime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "urn:imnm:warm-up",
            Audience = "urn:imnm:warm-up",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(1),
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha384),
        });
        var jwt = handler.ReadJsonWebToken(token);
        var result = await handler.ValidateTokenAsync(jwt, Parameters("urn:imnm:warm-up", "urn:imnm:warm-up", [key], TimeSpan.FromSeconds(60)));
        return result.IsValid;
    }

    private bool TryRead(string token, out JsonWebToken jwt)
    {
        jwt = null!;
        try
        {
            jwt = handler.ReadJsonWebToken(token);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private TokenValidationParameters Parameters(string issuer, string audience, IReadOnlyList<SecurityKey> signingKeys, TimeSpan skew) => new()
    {
        ValidAlgorithms = Algorithms,
        ValidIssuer = issuer,
        ValidAudience = audience,
        IgnoreTrailingSlashWhenValidatingAudience = false,
        IssuerSigningKeys = signingKeys,
        TryAllIssuerSigningKeys = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = false,
        ClockSkew = skew,
        LifetimeValidator = (notBefore, expires, _, _) => LifetimeHolds(notBefore, expires, skew),
        SaveSigninToken = false,
    };

    // The handler's own lifetime rule read against this service's clock (the handler's clock is not injectable);
    // each refusal is the handler's own exception type, so the mapping below reads one vocabulary.
    private bool LifetimeHolds(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } nbf && nbf > exp)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf lies after its exp.");
        }

        if (notBefore is { } start && start > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        }

        return exp >= now - skew ? true : throw new SecurityTokenExpiredException("The token has expired.");
    }

    /// <summary>What the handler leaves to this service: <c>iat</c> present and not ahead, a bounded lifetime, the <c>jti</c> once.</summary>
    private async Task<JwtCheck> CheckRestAsync(JsonWebToken jwt, string iss, TimeSpan skew, int maxLifetimeSeconds)
    {
        if (Number(jwt, JwtRegisteredClaimNames.Iat) is not { } iat || Number(jwt, JwtRegisteredClaimNames.Exp) is not { } exp
            || Claim(jwt, JwtRegisteredClaimNames.Jti) is not { Length: > 0 and <= MaxJtiLength } jti)
        {
            return JwtCheck.Fail(JwtFailure.MissingClaim);
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        if (iat > now + skew.TotalSeconds)
        {
            return JwtCheck.Fail(JwtFailure.NotYetValid);
        }

        if (exp - now > maxLifetimeSeconds)
        {
            return JwtCheck.Fail(JwtFailure.LifetimeTooLong);
        }

        // Recorded last, so a token refused for another reason does not use up its id.
        var keepUntil = DateTimeOffset.FromUnixTimeMilliseconds((long)((exp + skew.TotalSeconds) * 1000));
        return await replay.TryRecordAsync(iss, jti, keepUntil) ? new JwtCheck(null, iss) : JwtCheck.Fail(JwtFailure.Replayed);
    }

    /// <summary>The handler's refusal as this service's failure code (most specific type first).</summary>
    private static JwtFailure Failure(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAlgorithmException => JwtFailure.AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => JwtFailure.BadSignature,
        SecurityTokenNoExpirationException => JwtFailure.MissingClaim,
        SecurityTokenExpiredException => JwtFailure.Expired,
        SecurityTokenNotYetValidException or SecurityTokenInvalidLifetimeException => JwtFailure.NotYetValid,
        SecurityTokenInvalidAudienceException => JwtFailure.WrongAudience,
        SecurityTokenInvalidIssuerException => JwtFailure.IssuerNotAllowed,
        _ => JwtFailure.Malformed,
    };

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private static double? Number(JsonWebToken jwt, string name)
    {
        if (!jwt.TryGetPayloadValue<object>(name, out var value))
        {
            return null;
        }

        return value switch
        {
            long l => l,
            int i => i,
            double d when double.IsFinite(d) => d,
            decimal m => (double)m,
            _ => null,
        };
    }
}
