using System.Text.Json.Nodes;
using ImnmDecision.CdsHooks;
using ImnmDecision.CdsHooks.Security;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// The EHR's JWT: ES384 and RS384 verified against the issuer's keys by the IdentityModel handler; HMAC and
/// <c>none</c> refused; <c>iss</c>, <c>aud</c>, <c>exp</c>, <c>iat</c>, <c>nbf</c> and <c>jti</c> checked.
/// </summary>
public sealed class JwtValidatorTests : IDisposable
{
    private const string Audience = "https://cds.example.org/cds-services/imnm-assessment";
    private readonly FixedTime clock = new(new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero));
    private readonly TestJwt ehr;

    public JwtValidatorTests()
    {
        ehr = new TestJwt(clock);
    }

    public void Dispose() => ehr.Dispose();

    [Theory]
    [InlineData("ES384")]
    [InlineData("RS384")]
    public async Task Validate_TokenSignedByTheIssuer_IsAccepted(string alg)
    {
        var check = await Validator().ValidateAsync(ehr.Token(Audience, alg), Audience, CancellationToken.None);

        check.Valid.Should().BeTrue(check.Failure?.ToString());
        check.Issuer.Should().Be(TestJwt.Issuer);
    }

    [Fact]
    public async Task Validate_AudienceAsArrayHoldingTheUrl_IsAccepted()
    {
        var token = ehr.Token(Audience, change: c => c["aud"] = new JsonArray("https://other.example.org", Audience));

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Valid.Should().BeTrue();
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    public async Task Validate_SymmetricOrUnsignedToken_IsRefused(string alg)
    {
        var check = await Validator().ValidateAsync(ehr.Token(Audience, alg), Audience, CancellationToken.None);

        check.Failure.Should().Be(JwtFailure.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task Validate_HmacTokenPretendingToBeEs384_FailsTheSignature()
    {
        var token = ehr.Token(Audience, "HS256");
        var parts = token.Split('.');
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"ES384","typ":"JWT","kid":"ehr-es384-1"}"""u8);

        var check = await Validator().ValidateAsync($"{header}.{parts[1]}.{parts[2]}", Audience, CancellationToken.None);

        check.Failure.Should().Be(JwtFailure.BadSignature);
    }

    [Fact]
    public async Task Validate_ExpiredToken_IsRefused()
    {
        var token = ehr.Token(Audience);
        clock.Now = clock.Now.AddMinutes(10);

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.Expired);
    }

    [Fact]
    public async Task Validate_ExpiryWithinTheClockSkew_IsAccepted()
    {
        var token = ehr.Token(Audience, change: c => c["exp"] = clock.Now.ToUnixTimeSeconds() - 30);

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Valid.Should().BeTrue();
    }

    [Fact]
    public async Task Validate_WrongAudience_IsRefused()
    {
        var token = ehr.Token("https://cds.example.org/cds-services/imnm-statin-order");

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.WrongAudience);
    }

    [Fact]
    public async Task Validate_ReplayedToken_IsRefusedTheSecondTime()
    {
        var validator = Validator();
        var token = ehr.Token(Audience);

        (await validator.ValidateAsync(token, Audience, CancellationToken.None)).Valid.Should().BeTrue();
        (await validator.ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.Replayed);
    }

    [Fact]
    public async Task Validate_UnknownIssuer_IsRefused()
    {
        var token = ehr.Token(Audience, change: c => c["iss"] = "https://attacker.example.org");

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.IssuerNotAllowed);
    }

    [Fact]
    public async Task Validate_TamperedClaims_FailTheSignature()
    {
        var parts = ehr.Token(Audience).Split('.');
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"iss":"{{TestJwt.Issuer}}","aud":"{{Audience}}","exp":{{clock.Now.ToUnixTimeSeconds() + 300}},"iat":{{clock.Now.ToUnixTimeSeconds()}},"jti":"forged"}"""));

        var check = await Validator().ValidateAsync($"{parts[0]}.{forged}.{parts[2]}", Audience, CancellationToken.None);

        check.Failure.Should().Be(JwtFailure.BadSignature);
    }

    [Fact]
    public async Task Validate_TokenSignedWithAnotherKey_IsRefused()
    {
        using var stranger = new TestJwt(clock);

        var check = await Validator().ValidateAsync(stranger.Token(Audience), Audience, CancellationToken.None);

        check.Failure.Should().Be(JwtFailure.BadSignature);
    }

    [Fact]
    public async Task Validate_UnknownKid_HasNoKey()
    {
        var token = ehr.Token(Audience, header: h => h["kid"] = "rotated-away");

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.NoKey);
    }

    [Theory]
    [InlineData("nbf")]
    [InlineData("iat")]
    public async Task Validate_NotYetValidToken_IsRefused(string claim)
    {
        var token = ehr.Token(Audience, change: c => c[claim] = clock.Now.ToUnixTimeSeconds() + 600);

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.NotYetValid);
    }

    [Fact]
    public async Task Validate_TokenValidForADay_IsRefusedAsTooLongLived()
    {
        var token = ehr.Token(Audience, change: c => c["exp"] = clock.Now.ToUnixTimeSeconds() + 86_400);

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.LifetimeTooLong);
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("exp")]
    [InlineData("iat")]
    public async Task Validate_MissingRequiredClaim_IsRefused(string claim)
    {
        var token = ehr.Token(Audience, change: c => c.Remove(claim));

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.MissingClaim);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("e30.e30.")]
    [InlineData("!!!.e30.AAAA")]
    public async Task Validate_MalformedToken_IsRefused(string token)
    {
        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Valid.Should().BeFalse();
    }

    [Fact]
    public async Task Validate_JkuNotOnTheIssuersList_IsIgnoredInFavourOfTheConfiguredKeys()
    {
        await using var server = await FakeFhirServer.StartAsync();
        using var attacker = new TestJwt(clock);
        server.Jwks = attacker.JwksJson;
        var forged = attacker.Token(Audience, header: h => h["jku"] = new Uri(server.Root, "jwks.json").ToString());

        var check = await Validator().ValidateAsync(forged, Audience, CancellationToken.None);

        check.Failure.Should().Be(JwtFailure.BadSignature, "the attacker's JWK Set is never fetched");
    }

    [Fact]
    public async Task Validate_IssuerWithJwksUrl_FetchesAndCachesTheKeys()
    {
        await using var server = await FakeFhirServer.StartAsync();
        server.Jwks = ehr.JwksJson;
        var jwksUrl = new Uri(server.Root, "jwks.json").ToString();
        var validator = Validator(new CdsIssuerOptions { Issuer = TestJwt.Issuer, JwksUrl = jwksUrl, AllowPrivateNetwork = true });

        var first = await validator.ValidateAsync(ehr.Token(Audience, header: h => h["jku"] = jwksUrl), Audience, CancellationToken.None);
        var second = await validator.ValidateAsync(ehr.Token(Audience, "RS384"), Audience, CancellationToken.None);

        first.Valid.Should().BeTrue(first.Failure?.ToString());
        second.Valid.Should().BeTrue(second.Failure?.ToString());
        server.Jwks = """{"keys":[]}""";
        (await validator.ValidateAsync(ehr.Token(Audience), Audience, CancellationToken.None)).Valid.Should().BeTrue("the key set is cached");
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    [InlineData("PS384")]
    [InlineData("ES512")]
    public async Task Validate_AsymmetricAlgorithmOtherThanEs384OrRs384_IsRefused(string alg)
    {
        var token = ehr.Token(Audience, header: h => h["alg"] = alg);

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task Validate_AudienceWithATrailingSlash_IsNotTheUrlCalled()
    {
        var token = ehr.Token(Audience + "/");

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.WrongAudience);
    }

    [Fact]
    public async Task Validate_CriticalHeader_IsRefused()
    {
        var token = ehr.Token(Audience, header: h => h["crit"] = new JsonArray("b64"));

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.Malformed);
    }

    [Fact]
    public async Task Validate_EncryptedTokenShape_IsMalformed()
    {
        var parts = ehr.Token(Audience).Split('.');

        var check = await Validator().ValidateAsync($"{parts[0]}.{parts[1]}.{parts[2]}.{parts[1]}.{parts[2]}", Audience, CancellationToken.None);

        check.Failure.Should().Be(JwtFailure.Malformed);
    }

    [Fact]
    public async Task Validate_TokenOverTheLengthCap_IsMalformed()
    {
        var token = ehr.Token(Audience, change: c => c["pad"] = new string('a', JwtValidator.MaxTokenLength));

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.Malformed);
    }

    [Fact]
    public async Task Validate_NotBeforeAfterExpiry_IsRefused()
    {
        var token = ehr.Token(Audience, change: c => c["nbf"] = clock.Now.ToUnixTimeSeconds() + 400);

        (await Validator().ValidateAsync(token, Audience, CancellationToken.None)).Valid.Should().BeFalse();
    }

    [Fact]
    public async Task Validate_RsaKeyBelow2048Bits_IsNoKey()
    {
        using var weak = System.Security.Cryptography.RSA.Create(1024);
        var parameters = weak.ExportParameters(false);
        var issuer = new CdsIssuerOptions
        {
            Issuer = TestJwt.Issuer,
            Jwks = new CdsJwksOptions
            {
                Keys = [new CdsJwkOptions { Kty = "RSA", Kid = TestJwt.RsaKid, N = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus), E = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent) }],
            },
        };

        (await Validator(issuer).ValidateAsync(ehr.Token(Audience, "RS384"), Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.NoKey);
    }

    [Fact]
    public async Task Validate_JwksUrlOnALoopbackAddress_IsNotFetchedUnlessThePrivateNetworkIsAllowed()
    {
        await using var server = await FakeFhirServer.StartAsync();
        server.Jwks = ehr.JwksJson;
        var jwksUrl = new Uri(server.Root, "jwks.json").ToString();

        var check = await Validator(new CdsIssuerOptions { Issuer = TestJwt.Issuer, JwksUrl = jwksUrl }).ValidateAsync(ehr.Token(Audience), Audience, CancellationToken.None);

        check.Failure.Should().Be(JwtFailure.NoKey, "the guarded connection step refuses loopback addresses");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_JwksLargerThanTheCap_IsRefused()
    {
        await using var server = await FakeFhirServer.StartAsync();
        server.Jwks = ehr.JwksJson.Insert(1, $"\"pad\":\"{new string('a', 300 * 1024)}\",");
        var jwksUrl = new Uri(server.Root, "jwks.json").ToString();
        var validator = Validator(new CdsIssuerOptions { Issuer = TestJwt.Issuer, JwksUrl = jwksUrl, AllowPrivateNetwork = true });

        (await validator.ValidateAsync(ehr.Token(Audience), Audience, CancellationToken.None)).Failure.Should().Be(JwtFailure.NoKey);
    }

    private JwtValidator Validator(CdsIssuerOptions? issuer = null)
    {
        var options = new StaticOptions<CdsHooksOptions>(new CdsHooksOptions { Issuers = [issuer ?? ehr.IssuerOptions] });
        var services = new ServiceCollection();
        services.AddJwksClient();
        var provider = services.BuildServiceProvider();
        var keys = new JwksProvider(provider.GetRequiredService<IHttpClientFactory>(), options, clock, NullLogger<JwksProvider>.Instance);
        return new JwtValidator(keys, new JtiReplayCache(clock), options, clock);
    }
}
