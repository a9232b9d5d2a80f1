using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Api.Tests.Batch;

/// <summary>
/// Streaming on a real socket (Kestrel on 127.0.0.1) with a client that uploads and reads at once: results leave
/// while the upload goes on, an upload of unknown length larger than Api:MaxBodyBytes goes through, and a client
/// that leaves stops the work.
/// </summary>
public sealed class BatchStreamingTests : IDisposable
{
    private readonly BatchApiFactory factory = new(kestrel: true, new Dictionary<string, string?>());

    [Fact]
    public async Task Batch_NdjsonUpload_SendsTheFirstResultBeforeTheUploadEnds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var lines = BatchApi.Generate(BatchFormat.Ndjson, 3, invalidFraction: 0).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await using var connection = await RawHttpConnection.OpenAsync(factory.BaseAddress, BatchApi.Path, "application/x-ndjson");

        await connection.SendAsync(Encoding.UTF8.GetBytes(lines[0] + "\n"), timeout.Token);
        var (status, headers) = await connection.ReadHeadAsync(timeout.Token);
        var first = Encoding.UTF8.GetString(await connection.ReadChunkAsync(timeout.Token));

        status.Should().Be(200);
        headers["content-type"].Should().Be("application/x-ndjson");
        headers["x-ruleset-version"].Should().StartWith("imnm-core@");
        JsonNode.Parse(first.Split('\n')[0])!["caseId"]!.GetValue<string>().Should().Be("case-0000001", "the first result arrives while two cases are still to be sent");
        await connection.SendAsync(Encoding.UTF8.GetBytes(lines[1] + "\n" + lines[2] + "\n"), timeout.Token);
        await connection.EndAsync();
        var rest = BatchApi.NdjsonLines(first + await connection.ReadBodyToEndAsync(timeout.Token));
        rest.Should().HaveCount(4);
        rest[^1]["summary"]!["rows"]!.GetValue<long>().Should().Be(3);
    }

    [Fact]
    public async Task Batch_TenThousandRowsUploadedInChunksOfUnknownLength_AnswersEveryRowThenTheSummary()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var bytes = Encoding.UTF8.GetBytes(BatchApi.Generate(BatchFormat.Ndjson, 10_000));
        bytes.Length.Should().BeGreaterThan(1024 * 1024, "larger than Api:MaxBodyBytes, which does not apply to a batch");
        await using var connection = await RawHttpConnection.OpenAsync(factory.BaseAddress, BatchApi.Path, "application/x-ndjson");

        var upload = Task.Run(async () =>
        {
            for (var offset = 0; offset < bytes.Length; offset += 16 * 1024)
            {
                await connection.SendAsync(bytes[offset..Math.Min(bytes.Length, offset + (16 * 1024))], timeout.Token);
            }

            await connection.EndAsync();
        });
        var (status, _) = await connection.ReadHeadAsync(timeout.Token);
        var body = await connection.ReadBodyToEndAsync(timeout.Token);
        await upload;

        status.Should().Be(200);
        var lines = BatchApi.NdjsonLines(body);
        lines.Should().HaveCount(10_001);
        lines.Take(10_000).Select(l => l["line"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, 10_000).Select(i => (long)i));
        lines[^1]["summary"]!["rows"]!.GetValue<long>().Should().Be(10_000);
        lines[^1]["summary"]!["failed"]!.GetValue<long>().Should().Be(lines.Count(l => l["error"] is not null));
    }

    [Fact]
    public async Task Batch_ClientDisconnects_StopsTheWork()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(BatchApi.Generate(BatchFormat.Ndjson, 1, invalidFraction: 0), 200)));
        var connection = await RawHttpConnection.OpenAsync(factory.BaseAddress, BatchApi.Path, "application/x-ndjson");
        using var leave = new CancellationTokenSource();
        var upload = Task.Run(async () =>
        {
            try
            {
                while (!leave.IsCancellationRequested)
                {
                    await connection.SendAsync(block, leave.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The client left on purpose.
            }
        });

        (await connection.ReadHeadAsync(timeout.Token)).Status.Should().Be(200);
        (await connection.ReadChunkAsync(timeout.Token)).Should().NotBeEmpty();
        await leave.CancelAsync();
        await connection.DisposeAsync();
        await upload;

        var stopped = await WaitForAsync(() => factory.Logs.Render().Contains("the client disconnected", StringComparison.Ordinal));
        stopped.Should().BeTrue("the server stops the batch and says so when the client goes away");
    }

    public void Dispose() => factory.Dispose();

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        return condition();
    }
}
