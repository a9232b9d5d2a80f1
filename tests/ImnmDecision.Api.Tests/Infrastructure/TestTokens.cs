using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>
/// A local identity provider for tests: an RSA key whose public half the API is configured with
/// (<c>Api:Auth:SigningKeyPem</c>), and bearer tokens signed with it. No network.
/// </summary>
public sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://idp.hospital.test";

    public const string Audience = "imnm-api";

    private readonly RSA key = RSA.Create(2048);

    public string PublicKeyPem => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The settings that make the API accept these tokens (authentication on, as in Production).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Api:Auth:Enabled"] = "true",
        ["Api:Auth:SigningKeyPem"] = PublicKeyPem,
        ["Api:Auth:Issuer"] = Issuer,
        ["Api:Auth:Audience"] = Audience,
    };

    /// <summary>A token for a client with the given scopes, valid for five minutes.</summary>
    public string Create(string clientId, string scopes, string? jti = null, string audience = Audience, IDictionary<string, object>? header = null)
    {
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            AdditionalHeaderClaims = header,
            Issuer = Issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["client_id"] = clientId,
                ["scope"] = scopes,
                ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token of any header and payload JSON (even one no library would write), signed RS256 with the key.</summary>
    public string Sign(string headerJson, string payloadJson)
    {
        var signed = Base64UrlEncoder.Encode(headerJson) + "." + Base64UrlEncoder.Encode(payloadJson);
        var signature = key.SignData(System.Text.Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64UrlEncoder.Encode(signature);
    }

    public void Dispose() => key.Dispose();
}
