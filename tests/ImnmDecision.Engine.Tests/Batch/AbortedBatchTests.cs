using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>A fault that must end a batch still answers the rows before it and a summary marked aborted, with the reason.</summary>
public sealed class AbortedBatchTests
{
    private const string Good = """{"caseId":"g","ck":{"value":8400,"upperLimitOfNormal":200},"antibodies":{"hmgcr":"positive"}}""";

    [Fact]
    public async Task Run_JsonArrayWithBrokenSyntax_EndsWithASummaryMarkedAbortedWithTheReason()
    {
        var (output, summary) = await BatchHarness.RunAsync($"[{Good},\n{Good} {Good}]", BatchFormat.Json);

        var array = JsonNode.Parse(output)!.AsArray();
        array[0]!["caseId"]!.GetValue<string>().Should().Be("g");
        var last = array[^1]!["summary"]!;
        last["aborted"]!.GetValue<bool>().Should().BeTrue();
        last["abortReason"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        summary.Aborted.Should().BeTrue();
    }

    [Theory]
    [InlineData(BatchFormat.Ndjson)]
    [InlineData(BatchFormat.Csv)]
    public async Task Run_InputFailsMidway_AnswersTheRowsBeforeAndASummaryMarkedAborted(BatchFormat format)
    {
        var text = new StringBuilder(format == BatchFormat.Csv ? "caseId,ck.value\n" : string.Empty);
        for (var i = 0; i < 3000; i++)
        {
            text.Append(format == BatchFormat.Csv ? $"c{i},5000\n" : Good + "\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var output = new MemoryStream();
        var progress = new BatchProgress();
        using var failing = new FailingStream(bytes, failAfter: bytes.Length / 2);

        var summary = await new BatchRunner(RealRuleset.Engine).RunAsync(
            PipeReader.Create(failing, new StreamPipeReaderOptions(bufferSize: 4096)), format, output, BatchFormat.Ndjson, progress);

        summary.Aborted.Should().BeTrue();
        summary.AbortReason.Should().StartWith("Reading the input failed").And.NotContain("server", "a broken input is the request's fault");
        progress.Fault.Should().BeOfType<IOException>();
        var lines = BatchHarness.Lines(Encoding.UTF8.GetString(output.ToArray()));
        lines[^1]["summary"]!["aborted"]!.GetValue<bool>().Should().BeTrue();
        lines[^1]["summary"]!["rows"]!.GetValue<long>().Should().Be(lines.Count - 1, "every row answered is counted");
        lines.Count.Should().BeGreaterThan(1);
    }

    [Theory]
    [InlineData(BatchFormat.Ndjson)]
    [InlineData(BatchFormat.Csv)]
    [InlineData(BatchFormat.Json)]
    public async Task Run_InputFailsBeforeAnyRowLeft_IsRefusedWholeNotAnsweredAsAnEmptyBatch(BatchFormat format)
    {
        var bytes = Encoding.UTF8.GetBytes(format switch { BatchFormat.Csv => "caseId,ck.value\nc1,5000\n", BatchFormat.Json => $"[{Good},", _ => Good + "\n" });
        using var failing = new FailingStream(bytes, failAfter: bytes.Length);

        var run = () => new BatchRunner(RealRuleset.Engine).RunAsync(PipeReader.Create(failing), format, new MemoryStream(), BatchFormat.Ndjson);

        var refused = (await run.Should().ThrowAsync<BatchRefusedException>()).Which.Problem;
        refused.Status.Should().Be(400);
        refused.Detail.Should().Contain("nothing was scored");
    }

    [Theory]
    [InlineData(0, "\n")]
    [InlineData(7, "\n")]
    [InlineData(0, "\r\n")]
    [InlineData(5, "")]
    public async Task Run_CsvQuoteNeverClosed_IsThatRowsErrorAndTheRowsAfterItAreReadFromTheNextLine(int chunkBytes, string end)
    {
        var input = "caseId,ck.value\nc1,5000\nc2,\"5000\nc3,6000\nc4,7000" + end;

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson, chunkBytes: chunkBytes);

        var lines = BatchHarness.Lines(output);
        lines.Should().HaveCount(5, "c1, the error row of the row that opens the quote, c3, c4, the summary");
        lines.Take(4).Select(l => l["line"]!.GetValue<long>()).Should().Equal(2, 3, 4, 5);
        lines[1]["error"]!["detail"]!.GetValue<string>().Should().Contain("never closed").And.Contain("read from line 4");
        lines[2]["caseId"]!.GetValue<string>().Should().Be("c3");
        lines[3]["caseId"]!.GetValue<string>().Should().Be("c4");
        summary.Aborted.Should().BeFalse("only the row with the stray quote is lost, and its error row says so");
        summary.Failed.Should().Be(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    public async Task Run_CsvQuoteNeverClosedBeforeMoreThanARowLimitOfText_SaysWhichLinesItTookIn(int chunkBytes)
    {
        var input = new StringBuilder("caseId,ck.value\nc1,\"5000\n");
        for (var i = 0; i < 20_000; i++)
        {
            input.Append(CultureInfo.InvariantCulture, $"r{i},5000\n");
        }

        var (output, summary) = await BatchHarness.RunAsync(input.ToString(), BatchFormat.Csv, BatchFormat.Ndjson, chunkBytes: chunkBytes);

        var lines = BatchHarness.Lines(output);
        lines.Should().HaveCount(2);
        lines[0]["error"]!["detail"]!.GetValue<string>().Should().Contain("lines 2 to 20002");
        summary.Aborted.Should().BeTrue();
        summary.AbortReason.Should().Contain("never closed");
    }

    [Fact]
    public async Task Run_CompleteBatch_IsNotAborted()
    {
        var (output, summary) = await BatchHarness.RunAsync(Good + "\n", BatchFormat.Ndjson);

        summary.Aborted.Should().BeFalse();
        summary.AbortReason.Should().BeNull();
        BatchHarness.Lines(output)[^1]["summary"]!["aborted"]!.GetValue<bool>().Should().BeFalse();
    }

    /// <summary>A stream that throws an I/O error after some bytes, as a broken disk or connection does.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfter) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(Span<byte> buffer)
        {
            if (position >= failAfter)
            {
                throw new IOException("The input broke.");
            }

            var count = Math.Min(buffer.Length, failAfter - position);
            bytes.AsSpan(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
