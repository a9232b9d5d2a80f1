using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text;
using ImnmDecision.Api.Tests.Batch;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Batch;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>
/// The batch endpoint on a real socket frames a CSV exactly as imnm score frames the same file (one framing,
/// whatever size the pieces of the body arrive in): huge quoted cells with line breaks, CRLF, LF, mixed ends.
/// </summary>
public sealed class CsvFramingHttpTests : IDisposable
{
    private readonly BatchApiFactory factory = new(kestrel: true, new Dictionary<string, string?>());

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Batch_HostileCsvOverHttp_AnswersWhatTheCliWritesForTheSameFile(int seed)
    {
        var bytes = Encoding.UTF8.GetBytes(Generate(seed));
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        using var content = new StreamContent(new TrickleStream(bytes, 1500));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await client.PostAsync(new Uri(BatchApi.Path, UriKind.Relative), content);
        var http = await response.Content.ReadAsStringAsync();

        var engine = factory.Services.GetRequiredService<AssessmentEngine>();
        var output = new MemoryStream();
        await new BatchRunner(engine, new BatchOptions { FlushBytes = 256 * 1024, MaxRows = long.MaxValue }).RunAsync(
            PipeReader.Create(new MemoryStream(bytes), new StreamPipeReaderOptions(bufferSize: 256 * 1024)), BatchFormat.Csv, output, BatchFormat.Csv);
        http.Should().Be(Encoding.UTF8.GetString(output.ToArray()));
        http.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(42, "40 rows, the header and the summary");
    }

    public void Dispose() => factory.Dispose();

    private static string Generate(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("caseId,ck.value,statin.drug\n");
        for (var row = 0; row < 40; row++)
        {
            var end = random.Next(2) == 0 ? "\n" : "\r\n";
            var cell = random.Next(4) == 0
                ? "\"" + string.Concat(Enumerable.Repeat("x,1\ny,2\r\n\"\"", 16_000)) + "\""
                : "atorvastatin";
            text.Append($"c{row},{random.Next(100, 9000)},{cell}{end}");
        }

        return text.ToString();
    }

    /// <summary>A body that arrives a few bytes at a time, as a slow network delivers it.</summary>
    private sealed class TrickleStream(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, piece), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
