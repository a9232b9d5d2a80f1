using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>
/// How a body is framed and coded, at every door: a chunk size that overflows Kestrel's parser is the request's
/// fault (400, never 500); a compressed body (Content-Encoding) is refused 415, never parsed as if it were the
/// text; a UTF-8 byte order mark is read past, as the batch and the CDS Hooks door read past it.
/// </summary>
public sealed class BodyFramingTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly string HookCall = CdsFixtures.Text("patient-view-anti-hmgcr-statin-exposed.json");

    private readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string, string> Doors => new()
    {
        { Json.AssessmentsPath, "application/json" },
        { "/api/v1/assessments/batch", "text/csv" },
        { "/api/v1/assessments/batch", "application/x-ndjson" },
        { "/cds-services/imnm-assessment", "application/json" },
        { "/cds-services/imnm-assessment/feedback", "application/json" },
    };

    [Theory]
    [InlineData("/api/v1/assessments", "application/problem+json")]
    [InlineData("/api/v1/assessments/batch", "application/problem+json")]
    [InlineData("/cds-services/imnm-assessment", "application/fhir+json")]
    [InlineData("/cds-services/imnm-assessment/feedback", "application/fhir+json")]
    public async Task Post_ChunkSizeThatOverflows_Answers400NotA500(string path, string mediaType)
    {
        using var kestrel = new KestrelApiFactory(("CdsHooks:RequireJwt", "false"));
        var server = kestrel.BaseAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "ffffffffffffffff\r\n{}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var answer = await reader.ReadToEndAsync(timeout.Token);

        answer.Should().StartWith("HTTP/1.1 400 ", answer);
        answer.Should().Contain(mediaType);
    }

    [Fact]
    public async Task Batch_BodyTrickledTooSlowlyBeforeAnyRow_Answers408Problem()
    {
        using var kestrel = new KestrelApiFactory();
        await using var connection = await Batch.RawHttpConnection.OpenAsync(kestrel.BaseAddress, "/api/v1/assessments/batch", "application/x-ndjson");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = connection.ReadHeadAsync(timeout.Token);

        // Kestrel's minimum body data rate (240 bytes/s after a 5 s grace period) ends the upload.
        while (!answer.IsCompleted && !timeout.IsCancellationRequested)
        {
            try
            {
                await connection.SendAsync(" "u8.ToArray(), timeout.Token);
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(answer, Task.Delay(500, timeout.Token));
        }

        var (status, headers) = await answer;
        status.Should().Be(408);
        headers["content-type"].Should().Be("application/problem+json");
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Post_GzipContentEncoding_Answers415AndScoresNothing(string path, string mediaType)
    {
        var text = mediaType switch
        {
            "text/csv" => "caseId,ck.value\nc1,5000\n",
            "application/x-ndjson" => Cases.HmgcrStatinExposed.ReplaceLineEndings(" ") + "\n",
            _ => path.EndsWith("/feedback", StringComparison.Ordinal) ? """{"feedback":[]}""" : path.StartsWith("/cds", StringComparison.Ordinal) ? HookCall : Cases.HmgcrStatinExposed,
        };
        using var content = new ByteArrayContent(Gzip(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).Should().Contain("Content-Encoding");
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Post_GzipTransferEncoding_Answers415AndScoresNothing(string path, string mediaType)
    {
        using var kestrel = new KestrelApiFactory(("CdsHooks:RequireJwt", "false"));
        var server = kestrel.BaseAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var body = mediaType == "text/csv" ? "caseId,ck.value\nc1,5000\n" : Cases.HmgcrStatinExposed.ReplaceLineEndings(" ") + "\n";
        var request = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {mediaType}\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n"
            + $"{Encoding.UTF8.GetByteCount(body):x}\r\n{body}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var answer = await reader.ReadToEndAsync(timeout.Token);

        answer.Should().StartWith("HTTP/1.1 415 ", "a body gzip-coded in transfer is not the text, whatever it holds");
        answer.Should().Contain("Transfer-Encoding");
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("Identity, identity")]
    public async Task Assess_IdentityContentEncoding_IsRead(string coding)
    {
        using var content = Json.Body(Cases.HmgcrStatinExposed);
        content.Headers.TryAddWithoutValidation("Content-Encoding", coding);

        using var response = await client.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Assess_BodyWithAByteOrderMark_IsReadAsTheBatchReadsIt()
    {
        using var content = new ByteArrayContent([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(Cases.HmgcrStatinExposed)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync())["subtype"]!["code"]!.GetValue<string>().Should().Be("anti-hmgcr-statin-exposed");
    }

    [Fact]
    public async Task Assess_ByteOrderMarkTwice_Answers400WithTheJsonPath()
    {
        using var content = new ByteArrayContent([.. "\uFEFF\uFEFF"u8, .. Encoding.UTF8.GetBytes(Cases.HmgcrStatinExposed)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), content);

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!.AsObject().Should().ContainKey("$");
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
