using System.Net;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Tests.Store;

namespace ImnmDecision.Api.Tests.Store;

/// <summary>
/// A CDS call refused at its JWT costs the store nothing (no replay-cache row, no audit, no card), so refused
/// calls cannot be used to load the database; only a verified token's id is recorded, once.
/// </summary>
public sealed class CdsStoreWritesTests
{
    private const string Audience = "http://localhost/cds-services/imnm-assessment";

    [Fact]
    public async Task RefusedJwts_WriteNothingToTheStore_AndAVerifiedOneIsRecordedOnce()
    {
        using var ehr = new TestJwt(TimeProvider.System);
        var settings = new Dictionary<string, string?>(ehr.Settings())
        {
            ["CdsHooks:RequireJwt"] = "true",
            ["Store:SqlitePath"] = OpenTestAccess.NewSqlitePath(),
        };
        using var factory = new StoreApiFactory(settings);
        using var client = factory.CreateClient();
        var body = CdsFixtures.Text("patient-view-anti-srp.json");
        var valid = ehr.Token(Audience);
        var refused = new (string Name, string? Jwt)[]
        {
            ("no token", null),
            ("not a JWT", "not.a.jwt"),
            ("alg none", ehr.Token(Audience, header: h => h["alg"] = "none")),
            ("issuer not allowed", ehr.Token(Audience, change: c => c["iss"] = "https://evil.example/cds-client")),
            ("wrong audience", ehr.Token("http://evil.example/cds-services/imnm-assessment")),
            ("bad signature", valid[..^4] + (valid[^4] == 'A' ? "BBBB" : "AAAA")),
            ("expired", ehr.Token(Audience, change: c => c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds())),
        };

        foreach (var (name, jwt) in refused)
        {
            using var response = await client.PostHookAsync("imnm-assessment", body, jwt);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, name);
        }

        (await Count(settings, "jti")).Should().Be(0, "no refused token may cost a store write");
        (await Count(settings, "audit")).Should().Be(0);
        (await Count(settings, "shown_card")).Should().Be(0);

        using (var accepted = await client.PostHookAsync("imnm-assessment", body, valid))
        {
            accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var replayed = await client.PostHookAsync("imnm-assessment", body, valid))
        {
            replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a token is used once");
        }

        (await Count(settings, "jti")).Should().Be(1, "the verified token's id is recorded, and its replay is refused from memory");
        (await Count(settings, "audit")).Should().Be(1);
    }

    private static async Task<long> Count(IReadOnlyDictionary<string, string?> settings, string table) =>
        long.Parse((await StoreRows.ReadAsync(settings, $"SELECT COUNT(*) FROM {table}"))[0][0]!, System.Globalization.CultureInfo.InvariantCulture);
}
