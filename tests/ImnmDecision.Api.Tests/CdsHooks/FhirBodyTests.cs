using System.Buffers;
using System.Text;
using System.Text.Json;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// FHIR answers are read into blocks of one bounded, process-wide pool and parsed straight from those blocks:
/// the pool never hands out more than its capacity (a fetch waits instead), every block comes back, and a
/// Bundle split across blocks reads exactly as the same Bundle read whole.
/// </summary>
public sealed class FhirBodyTests
{
    private const string SearchSet = """
        { "resourceType": "Bundle", "type": "searchset",
          "link": [ { "relation": "self", "url": "https://fhir.example/Observation?page=1" }, { "relation": "next", "url": "https://fhir.example/Observation?page=2" } ],
          "entry": [
            { "fullUrl": "https://fhir.example/Observation/ck-1", "resource": { "resourceType": "Observation", "id": "ck-1", "status": "final",
              "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6" } ] }, "valueQuantity": { "value": 950, "unit": "U/L" } } },
            { "resource": { "resourceType": "Observation", "id": "bad", "status": 42 } },
            { "resource": { "resourceType": "OperationOutcome", "issue": [ { "severity": "warning", "code": "informational" } ] } },
            { "resource": { "resourceType": "Patient", "id": "pt-1", "gender": "female" } } ] }
        """;

    [Fact]
    public async Task RentAsync_EveryBlockInUse_WaitsUntilOneIsReturned()
    {
        using var pool = Pool(3 * FhirBodyPool.BlockBytes);
        var held = new[] { await pool.RentAsync(CancellationToken.None), await pool.RentAsync(CancellationToken.None), await pool.RentAsync(CancellationToken.None) };

        var waiting = pool.RentAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse("all three blocks are in use");

        pool.Return(held[1]);
        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeSameAs(held[1], "a returned block is reused, not a new one allocated");
        pool.Free.Should().Be(0);
    }

    [Fact]
    public async Task RentAsync_EveryBlockInUse_GivesUpWhenTheBudgetRunsOut()
    {
        using var pool = Pool(FhirBodyPool.BlockBytes);
        _ = await pool.RentAsync(CancellationToken.None);
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var rent = async () => await pool.RentAsync(budget.Token);

        await rent.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ReadAsync_BodyOverTheCap_IsRefusedAndItsBlocksGoBack()
    {
        using var pool = Pool(16 * FhirBodyPool.BlockBytes);
        using var content = new StreamContent(new MemoryStream(new byte[10 * FhirBodyPool.BlockBytes]));

        var (body, problem) = await FhirBody.ReadAsync(content, 4 * FhirBodyPool.BlockBytes, new FetchAllowance(long.MaxValue), pool, CancellationToken.None);

        body.Should().BeNull();
        problem.Should().Be("answer larger than the per-response cap");
        pool.Free.Should().Be(pool.Capacity);
    }

    [Fact]
    public async Task ReadAsync_BundleAcrossManyBlocks_ParsesAsTheWholeDocumentDoes()
    {
        using var pool = Pool(64 * FhirBodyPool.BlockBytes);
        var padded = SearchSet.Replace("\"searchset\",", "\"searchset\"," + new string(' ', 3 * FhirBodyPool.BlockBytes), StringComparison.Ordinal);
        using var content = new StreamContent(new TrickleStream(Encoding.UTF8.GetBytes(padded), 1000));

        var (body, _) = await FhirBody.ReadAsync(content, 1024 * 1024, new FetchAllowance(long.MaxValue), pool, CancellationToken.None);
        FhirPage streamed;
        using (body)
        {
            body!.Sequence.IsSingleSegment.Should().BeFalse();
            streamed = FhirSequenceParsing.Page(body.Sequence);
        }

        using var document = JsonDocument.Parse(padded);
        var whole = FhirParsing.Page(document.RootElement);
        streamed.Entries.Select(e => (e.Resource.TypeName, e.Id, e.FullUrl)).Should().Equal(whole.Entries.Select(e => (e.Resource.TypeName, e.Id, e.FullUrl)));
        streamed.Entries.Should().Contain(e => e.Id == "ck-1" && e.FullUrl == "https://fhir.example/Observation/ck-1");
        streamed.Next.Should().Be("https://fhir.example/Observation?page=2").And.Be(whole.Next);
        (streamed.Unreadable, streamed.Partial, streamed.Failed).Should().Be((whole.Unreadable, whole.Partial, whole.Failed));
        pool.Free.Should().Be(pool.Capacity, "the blocks went back when the body was disposed");
    }

    [Theory]
    [InlineData("""{ "resourceType": "OperationOutcome", "issue": [] }""", true, 0)]
    [InlineData("""[ 1, 2 ]""", true, 0)]
    [InlineData("""{ "id": "pt-1", "resourceType": "Patient" }""", false, 1)]
    public void Page_RootThatIsNotABundle_ReadsAsTheWholeDocumentDoes(string json, bool failed, int entries)
    {
        var page = FhirSequenceParsing.Page(Split(json, 3));

        page.Failed.Should().Be(failed);
        page.Entries.Should().HaveCount(entries);
    }

    [Theory]
    [InlineData("""{ "resourceType": "Bundle", "entry": [ { "resource": {} } """)]
    [InlineData("""{ "resourceType": "Bundle", "entry": [] } trailing""")]
    [InlineData("")]
    public void Page_MalformedJson_ThrowsAsAWholeDocumentParseDoes(string json)
    {
        var parse = () => FhirSequenceParsing.Page(Split(json, 5));

        parse.Should().Throw<JsonException>();
    }

    private static FhirBodyPool Pool(long bytes) =>
        new(new StaticOptions<CdsHooksOptions>(new CdsHooksOptions { FhirMaxBufferedBytes = bytes }));

    // The text in blocks of `size` bytes, as a multi-segment sequence.
    private static ReadOnlySequence<byte> Split(string json, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = Segment(bytes, 0, size, 0);
        var last = first;
        for (var at = size; at < bytes.Length; at += size)
        {
            var next = Segment(bytes, at, size, at);
            last.SetNext(next);
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private static Chunk Segment(byte[] bytes, int at, int size, long index) => new(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), index);

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long index)
        {
            Memory = memory;
            RunningIndex = index;
        }

        public void SetNext(Chunk next) => Next = next;
    }

    // A stream that hands out at most `step` bytes a read, as a network does.
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
