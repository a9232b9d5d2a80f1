namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Skips a line-based record that is over the size limit, up to its line break, without holding it, and then
/// reports it as an error row. Shared by the CSV and NDJSON readers.
/// </summary>
internal struct OversizedRecord
{
    private long line;

    /// <summary>Whether a record is being skipped.</summary>
    public bool Skipping { get; private set; }

    /// <summary>The line after the skipped record, once it is reported.</summary>
    public readonly long NextLine => line + 1;

    /// <summary>Starts skipping the record that starts on <paramref name="startLine"/>.</summary>
    public void Start(long startLine)
    {
        Skipping = true;
        line = startLine;
    }

    /// <summary>Skips on; once the line break (or the end) is reached, the record is the row's error.</summary>
    public RecordStatus Skip(ReadOnlySpan<byte> data, bool isFinalBlock, int maxRecordBytes, out int consumed, ref ParsedRecord record)
    {
        var end = data.IndexOf((byte)'\n');
        consumed = end < 0 ? data.Length : end + 1;
        if (end < 0 && !isFinalBlock)
        {
            return consumed == 0 ? RecordStatus.NeedMoreData : RecordStatus.Skipped;
        }

        Skipping = false;
        record = new ParsedRecord { Line = line, Error = NdjsonRecordReader.TooLarge(line, maxRecordBytes) };
        return RecordStatus.Record;
    }
}
