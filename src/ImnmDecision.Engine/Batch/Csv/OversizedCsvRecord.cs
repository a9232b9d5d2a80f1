namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Skips a CSV record that is over the size limit, without holding it, by the same quoting rules as
/// <see cref="CsvTokenizer"/>: a line break inside a quoted field does not end it. It ends exactly where the
/// tokenizer would end it had the whole record been in memory, and counts the line breaks it spans, so the
/// rows after it are framed and numbered the same whatever size the pieces of input come in.
/// </summary>
internal struct OversizedCsvRecord
{
    private long line;
    private long newlines;
    private State state;
    private byte last;

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        CarriageReturnAfterQuote,
        Malformed,
    }

    /// <summary>Whether a record is being skipped.</summary>
    public bool Skipping { get; private set; }

    /// <summary>The line after the skipped record, once it is reported.</summary>
    public readonly long NextLine => line + 1 + newlines;

    /// <summary>Starts skipping the record that starts on <paramref name="startLine"/> (at the start of the next data).</summary>
    public void Start(long startLine)
    {
        Skipping = true;
        line = startLine;
        newlines = 0;
        state = State.FieldStart;
        last = 0;
    }

    /// <summary>Skips on; once the record's end (or the end of the input) is reached, the record is the row's error.</summary>
    public RecordStatus Skip(ReadOnlySpan<byte> data, bool isFinalBlock, int maxRecordBytes, out int consumed, ref ParsedRecord record)
    {
        for (var i = 0; i < data.Length; i++)
        {
            last = data[i];
            if (Step(data[i]))
            {
                consumed = i + 1;
                return Report(maxRecordBytes, ref record);
            }
        }

        consumed = data.Length;
        if (!isFinalBlock)
        {
            return consumed == 0 ? RecordStatus.NeedMoreData : RecordStatus.Skipped;
        }

        if (state == State.Quoted && newlines > 0)
        {
            // The input ended inside a quoted field: like the tokenizer, say which lines it took in, and stop.
            Skipping = false;
            record = new ParsedRecord { Line = line, Error = BatchProblem.UnclosedQuote(line, line + newlines - (last == (byte)'\n' ? 1 : 0)), Fatal = true };
            return RecordStatus.Record;
        }

        return Report(maxRecordBytes, ref record);
    }

    private RecordStatus Report(int maxRecordBytes, ref ParsedRecord record)
    {
        Skipping = false;
        record = new ParsedRecord { Line = line, Error = NdjsonRecordReader.TooLarge(line, maxRecordBytes) };
        return RecordStatus.Record;
    }

    /// <summary>Takes one byte; true when it ends the record (its line break).</summary>
    private bool Step(byte b)
    {
        switch (state)
        {
            case State.FieldStart:
                state = b switch
                {
                    (byte)'"' => State.Quoted,
                    (byte)',' => State.FieldStart,
                    _ => State.Unquoted,
                };
                return b == (byte)'\n';
            case State.Unquoted:
                state = b == (byte)',' ? State.FieldStart : State.Unquoted;
                return b == (byte)'\n';
            case State.Quoted:
                if (b == (byte)'"')
                {
                    state = State.QuoteInQuoted;
                }
                else if (b == (byte)'\n')
                {
                    newlines++;
                }

                return false;
            case State.QuoteInQuoted:
                state = b switch
                {
                    (byte)'"' => State.Quoted,
                    (byte)',' => State.FieldStart,
                    (byte)'\r' => State.CarriageReturnAfterQuote,
                    (byte)'\n' => State.FieldStart,
                    _ => State.Malformed,
                };
                return b == (byte)'\n';
            case State.CarriageReturnAfterQuote:
                state = State.Malformed;
                return b == (byte)'\n';
            default:
                return b == (byte)'\n';
        }
    }
}
