using System.Buffers;
using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// A run of records on its way through a batch: framed in order (their text copied into the batch), parsed and
/// scored on any worker into its own output, then written in order. Reused, with its buffers and result writer.
/// </summary>
internal sealed class RecordBatch : IDisposable
{
    public const int Capacity = 512;

    /// <summary>A batch takes no more records once its text reaches this size (so large rows make shorter batches).</summary>
    private const int TextBudget = 1024 * 1024;

    private readonly ArrayBufferWriter<byte> output = new(Capacity * 256);
    private byte[] text = new byte[Capacity * 256];
    private int textLength;
    private ResultWriter? writer;
    private TaskCompletionSource scored = NewSignal();

    private FindingValues? values;

    public ParsedRecord[] Records { get; } = new ParsedRecord[Capacity];

    public int Count { get; set; }

    public bool IsFull => Count == Capacity || textLength >= TextBudget;

    /// <summary>Its place in the input: 0 for the first batch.</summary>
    public long Sequence { get; set; }

    /// <summary>When set, the row limit was reached at this line: the records before it are the batch.</summary>
    public long? RowLimitLine { get; set; }

    /// <summary>The results of its rows, formatted, once <see cref="Scored"/> completes.</summary>
    public ReadOnlyMemory<byte> Output => output.WrittenMemory;

    /// <summary>Rows that could not be scored.</summary>
    public int Failed { get; set; }

    /// <summary>Rows per subtype code.</summary>
    public int[] SubtypeCounts { get; } = new int[Enum.GetValues<SubtypeCode>().Length];

    /// <summary>Completes when the batch is scored; fails with what made scoring fail.</summary>
    public Task Scored => scored.Task;

    /// <summary>Copies a record's text into the batch and returns where it starts there.</summary>
    [MethodImpl(PerRow.Optimized)]
    public int Keep(ReadOnlySpan<byte> recordText)
    {
        if (text.Length - textLength < recordText.Length)
        {
            Array.Resize(ref text, Math.Max(text.Length * 2, textLength + recordText.Length));
        }

        var start = textLength;
        recordText.CopyTo(text.AsSpan(start));
        textLength += recordText.Length;
        return start;
    }

    /// <summary>
    /// The values a record is read into where it is scored, kept with the batch and reused for each record in
    /// turn: a record's values are read, scored and written before the next one's, so one set, warm in the cache,
    /// serves them all.
    /// </summary>
    public FindingValues Values => values ??= new FindingValues();

    /// <summary>The text of one of its records.</summary>
    public ReadOnlySpan<byte> Text(in ParsedRecord record) => text.AsSpan(record.TextStart, record.TextLength);

    /// <summary>The writer of this batch's rows, in the given format.</summary>
    public ResultWriter Writer(BatchFormat format, bool rawCsv)
    {
        writer ??= ResultWriter.Create(format, output, rawCsv);
        writer.AtFirstRow = Sequence == 0;
        return writer;
    }

    public void MarkScored() => scored.TrySetResult();

    public void MarkFailed(Exception error) => scored.TrySetException(error);

    /// <summary>Empties it for reuse.</summary>
    public void Clear()
    {
        // The records are not cleared: each is overwritten whole when the next record is framed into its place.
        Array.Clear(SubtypeCounts);
        Count = 0;
        textLength = 0;
        Failed = 0;
        RowLimitLine = null;
        output.ResetWrittenCount();
        scored = NewSignal();
    }

    public void Dispose() => writer?.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
