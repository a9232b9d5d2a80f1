using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// Checks the JWT an EHR signs for each CDS Hooks call: a compact JWS signed with ES384 (P-384, IEEE P1363
/// signature) or RS384 (PKCS#1 v1.5, SHA-384) by a key of an allowed issuer; HMAC and <c>none</c> are refused.
/// Claims: <c>iss</c> allowed, <c>aud</c> the exact URL called, <c>exp</c> not passed, <c>iat</c> and
/// <c>nbf</c> not in the future (small skew), <c>jti</c> never seen before. Verified with the .NET crypto
/// classes; the token itself is never logged.
/// </summary>
internal sealed class JwtValidator(JwksProvider keys, JtiReplayCache replay, IOptionsMonitor<CdsHooksOptions> options, TimeProvider clock)
{
    /// <summary>Longest accepted token, in characters.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private const int MinRsaBits = 2048;
    private const int P384CoordinateBytes = 48;

    public async Task<JwtCheck> ValidateAsync(string? token, string expectedAudience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectedAudience);
        if (string.IsNullOrEmpty(token))
        {
            return JwtCheck.Fail(JwtFailure.Missing);
        }

        if (token.Length > MaxTokenLength || token.Split('.') is not [var headerPart, var payloadPart, var signaturePart]
            || headerPart.Length == 0 || payloadPart.Length == 0)
        {
            return JwtCheck.Fail(JwtFailure.Malformed);
        }

        if (!TryParseJson(headerPart, out var header))
        {
            return JwtCheck.Fail(JwtFailure.Malformed);
        }

        using (header)
        {
            if (!TryParseJson(payloadPart, out var payload))
            {
                return JwtCheck.Fail(JwtFailure.Malformed);
            }

            using (payload)
            {
                return await CheckAsync(header.RootElement, payload.RootElement, headerPart, payloadPart, signaturePart, expectedAudience, cancellationToken);
            }
        }
    }

    private async Task<JwtCheck> CheckAsync(
        JsonElement head, JsonElement claims, string headerPart, string payloadPart, string signaturePart, string expectedAudience, CancellationToken cancellationToken)
    {
        if (head.ValueKind != JsonValueKind.Object || claims.ValueKind != JsonValueKind.Object)
        {
            return JwtCheck.Fail(JwtFailure.Malformed);
        }

        var alg = String(head, "alg");
        if (alg is not ("ES384" or "RS384"))
        {
            return JwtCheck.Fail(JwtFailure.AlgorithmNotAllowed);
        }

        // A critical header this service does not understand must be refused (RFC 7515 section 4.1.11).
        if (head.TryGetProperty("crit", out _) || (String(head, "typ") is { } typ && !typ.Equals("JWT", StringComparison.OrdinalIgnoreCase)))
        {
            return JwtCheck.Fail(JwtFailure.Malformed);
        }

        var settings = options.CurrentValue;
        var iss = String(claims, "iss");
        var issuer = iss is null ? null : settings.Issuers.FirstOrDefault(i => string.Equals(i.Issuer, iss, StringComparison.Ordinal));
        if (issuer is null)
        {
            return JwtCheck.Fail(JwtFailure.IssuerNotAllowed);
        }

        if (!TryDecode(signaturePart, out var signature) || signature.Length == 0)
        {
            return JwtCheck.Fail(JwtFailure.Malformed);
        }

        var kid = String(head, "kid");
        var candidates = (await keys.KeysAsync(issuer, String(head, "jku"), kid, cancellationToken))
            .Where(k => Fits(k, alg, kid))
            .ToList();
        if (candidates.Count == 0)
        {
            return JwtCheck.Fail(JwtFailure.NoKey);
        }

        var signedBytes = Encoding.ASCII.GetBytes(string.Concat(headerPart, ".", payloadPart));
        if (!candidates.Any(key => Verify(alg, key, signedBytes, signature)))
        {
            return JwtCheck.Fail(JwtFailure.BadSignature);
        }

        return CheckClaims(claims, iss!, expectedAudience, settings);
    }

    private JwtCheck CheckClaims(JsonElement claims, string iss, string expectedAudience, CdsHooksOptions settings)
    {
        if (Number(claims, "exp") is not { } exp || Number(claims, "iat") is not { } iat
            || String(claims, "jti") is not { Length: > 0 and <= 256 } jti)
        {
            return JwtCheck.Fail(JwtFailure.MissingClaim);
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var skew = Math.Max(0, settings.ClockSkewSeconds);
        if (now > exp + skew)
        {
            return JwtCheck.Fail(JwtFailure.Expired);
        }

        if (iat > now + skew || (claims.TryGetProperty("nbf", out _) && (Number(claims, "nbf") is not { } nbf || nbf > now + skew)))
        {
            return JwtCheck.Fail(JwtFailure.NotYetValid);
        }

        if (exp - now > settings.MaxTokenLifetimeSeconds)
        {
            return JwtCheck.Fail(JwtFailure.LifetimeTooLong);
        }

        if (!AudienceMatches(claims, expectedAudience))
        {
            return JwtCheck.Fail(JwtFailure.WrongAudience);
        }

        // Recorded last, so a token refused for another reason does not use up its id.
        var keepUntil = DateTimeOffset.FromUnixTimeMilliseconds((long)((exp + skew) * 1000));
        return replay.TryRecord(iss, jti, keepUntil) ? new JwtCheck(null, iss) : JwtCheck.Fail(JwtFailure.Replayed);
    }

    /// <summary>Verifies a signature with one public key; false for a key that does not fit or cannot be imported.</summary>
    public static bool Verify(string alg, CdsJwkOptions key, byte[] data, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            if (alg == "ES384")
            {
                if (!TryDecode(key.X, out var x) || !TryDecode(key.Y, out var y)
                    || x.Length != P384CoordinateBytes || y.Length != P384CoordinateBytes || signature.Length != 2 * P384CoordinateBytes)
                {
                    return false;
                }

                using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP384, Q = new ECPoint { X = x, Y = y } });
                return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }

            if (alg == "RS384")
            {
                if (!TryDecode(key.N, out var modulus) || !TryDecode(key.E, out var exponent) || modulus.Length * 8 < MinRsaBits)
                {
                    return false;
                }

                using var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
                return rsa.VerifyData(data, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
            }
        }
        catch (CryptographicException)
        {
            return false;
        }

        return false;
    }

    private static bool Fits(CdsJwkOptions key, string alg, string? kid) =>
        (kid is null || key.Kid == kid)
        && (key.Use is null || key.Use == "sig")
        && (key.Alg is null || key.Alg == alg)
        && (alg == "ES384" ? key.Kty == "EC" && key.Crv == "P-384" : key.Kty == "RSA");

    private static bool AudienceMatches(JsonElement claims, string expected)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => string.Equals(aud.GetString(), expected, StringComparison.Ordinal),
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && string.Equals(a.GetString(), expected, StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static bool TryParseJson(string part, out JsonDocument document)
    {
        document = null!;
        if (!TryDecode(part, out var bytes))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;
}
