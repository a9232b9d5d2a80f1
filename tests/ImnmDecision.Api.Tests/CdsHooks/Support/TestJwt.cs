using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.CdsHooks;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// An EHR's signing side for tests: its own ES384 and RS384 key pairs (made with the .NET crypto classes), its
/// public JWK Set, and compact JWS tokens signed the way CDS Hooks clients sign them.
/// </summary>
internal sealed class TestJwt : IDisposable
{
    public const string Issuer = "https://ehr.example.org/cds-client";
    public const string EcKid = "ehr-es384-1";
    public const string RsaKid = "ehr-rs384-1";

    private static readonly JsonSerializerOptions OmitNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly RSA rsa = RSA.Create(2048);

    public TestJwt(TimeProvider clock)
    {
        Clock = clock;
    }

    public TimeProvider Clock { get; }

    /// <summary>The public keys, as configuration binds them.</summary>
    public CdsJwksOptions Jwks
    {
        get
        {
            var ecKey = ec.ExportParameters(includePrivateParameters: false);
            var rsaKey = rsa.ExportParameters(includePrivateParameters: false);
            return new CdsJwksOptions
            {
                Keys =
                [
                    new CdsJwkOptions { Kty = "EC", Crv = "P-384", Kid = EcKid, Use = "sig", Alg = "ES384", X = B64(ecKey.Q.X!), Y = B64(ecKey.Q.Y!) },
                    new CdsJwkOptions { Kty = "RSA", Kid = RsaKid, Use = "sig", Alg = "RS384", N = B64(rsaKey.Modulus!), E = B64(rsaKey.Exponent!) },
                ],
            };
        }
    }

    /// <summary>The public JWK Set as JSON, as an EHR publishes it.</summary>
    public string JwksJson => JsonSerializer.Serialize(
        new { keys = Jwks.Keys.Select(k => new { kty = k.Kty, crv = k.Crv, kid = k.Kid, use = k.Use, alg = k.Alg, x = k.X, y = k.Y, n = k.N, e = k.E }) },
        OmitNulls);

    /// <summary>The issuer entry for configuration, keys inline.</summary>
    public CdsIssuerOptions IssuerOptions => new() { Issuer = Issuer, Jwks = Jwks };

    /// <summary>Configuration keys for the issuer with inline keys (for a test host).</summary>
    public Dictionary<string, string?> Settings(string prefix = "CdsHooks:Issuers:0")
    {
        var settings = new Dictionary<string, string?> { [$"{prefix}:Issuer"] = Issuer, ["CdsHooks:PublicBaseUrl"] = "http://localhost" };
        var keys = Jwks.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            foreach (var (name, value) in new[] { ("Kty", key.Kty), ("Crv", key.Crv), ("Kid", key.Kid), ("Use", key.Use), ("Alg", key.Alg), ("X", key.X), ("Y", key.Y), ("N", key.N), ("E", key.E) })
            {
                if (value is not null)
                {
                    settings[$"{prefix}:Jwks:Keys:{i}:{name}"] = value;
                }
            }
        }

        return settings;
    }

    /// <summary>A token for an audience, signed with ES384 unless told otherwise; <paramref name="change"/> edits the claims.</summary>
    public string Token(string audience, string alg = "ES384", Action<JsonObject>? change = null, Action<JsonObject>? header = null)
    {
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = "cds-client-1",
            ["aud"] = audience,
            ["exp"] = now + 300,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString(),
            ["tenant"] = "hospital-1",
        };
        change?.Invoke(claims);
        var head = new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = alg == "RS384" ? RsaKid : EcKid };
        header?.Invoke(head);
        var signingInput = B64(Encoding.UTF8.GetBytes(head.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = alg switch
        {
            "ES384" => ec.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            "RS384" => rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            "HS256" => HMACSHA256.HashData(Encoding.UTF8.GetBytes("shared-secret-the-ehr-must-never-use"), data),
            "none" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(alg)),
        };
        return signingInput + "." + B64(signature);
    }

    public void Dispose()
    {
        ec.Dispose();
        rsa.Dispose();
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
