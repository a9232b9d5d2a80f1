using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// FHIR servers that answer in ways a fallback fetch must survive, found by the CDS fuzz round 5: a gzip body
/// (asked for now, and unpacked under the same caps, so a gzip bomb stops at the per-answer cap), a redirect
/// (never followed: the token stays with the server the EHR named). The CK prefetch is left out, so the
/// service fetches it; every other key is prefetched.
/// </summary>
public sealed class FuzzCdsHostileServerTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Token = "hostile-server-token-5c1e";
    private const string Record = "patient-view-anti-hmgcr-statin-exposed.json";

    // 64 MiB of spaces inside a JSON string, gzipped to about 64 KiB.
    private static readonly Lazy<byte[]> Bomb = new(() => Gzip(Encoding.UTF8.GetBytes(
        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"" + new string(' ', 64 * 1024 * 1024) + "\"}}]}")));

    [Fact]
    public async Task PatientView_ServerAnsweringGzip_IsReadAndTheCkUsed()
    {
        var ck = Encoding.UTF8.GetBytes(CdsFixtures.Node(Record)["prefetch"]!["ck"]!.ToJsonString());
        await using var server = await HostileFhirServer.StartAsync(http => Answer(http, Gzip(ck), "gzip"));

        var (detail, sink) = await CallAsync(server);

        detail.Should().Contain("CK 8,400 U/L on 2024-03-02");
        server.Requests.Should().OnlyContain(r => r.Authorization == "Bearer " + Token);
        sink.Render().Should().NotContain(Token);
    }

    [Fact]
    public async Task PatientView_ServerAnsweringAGzipBomb_StopsAtTheCapAndSaysTheServerCouldNotBeUsed()
    {
        await using var server = await HostileFhirServer.StartAsync(http => Answer(http, Bomb.Value, "gzip"));

        var (detail, _) = await CallAsync(server);

        detail.Should().Contain("- CK results: the FHIR server could not be used.");
    }

    [Fact]
    public async Task PatientView_ServerRedirecting_IsNotFollowed()
    {
        await using var server = await HostileFhirServer.StartAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.Headers.Location = "/elsewhere/Observation";
            return Task.CompletedTask;
        });

        var (detail, _) = await CallAsync(server);

        detail.Should().Contain("- CK results: the FHIR server could not be used.");
        server.Requests.Should().NotContain(r => r.PathAndQuery.StartsWith("/elsewhere", StringComparison.Ordinal));
    }

    private async Task<(string Detail, CapturingSink Sink)> CallAsync(HostileFhirServer server)
    {
        var sink = new CapturingSink();
        using var host = factory.With(server.Settings(2000), sink);
        using var client = host.CreateClient();
        var body = CdsHttp.Edit(Record, call =>
        {
            call["prefetch"]!.AsObject().Remove("ck");
            call["fhirServer"] = server.BaseUrl;
            call["fhirAuthorization"] = new JsonObject { ["access_token"] = Token, ["token_type"] = "Bearer", ["scope"] = "patient/*.read", ["subject"] = "imnm" };
        });
        var cards = await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync();
        return (cards[0]!["detail"]!.GetValue<string>(), sink);
    }

    private static async Task Answer(HttpContext http, byte[] body, string encoding)
    {
        http.Response.ContentType = "application/fhir+json";
        http.Response.Headers.ContentEncoding = encoding;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return packed.ToArray();
    }
}
