namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Parses the text of records an <see cref="IRecordReader"/> framed, on a scoring worker, so that parsing runs
/// on every core while one reader keeps the input's order. One per worker: it keeps its own buffers and caches.
/// </summary>
internal interface IRecordParser
{
    /// <summary>Reads a record's text (<see cref="ParsedRecord.TextLength"/> bytes) into its findings, or into its error.</summary>
    void Parse(ReadOnlySpan<byte> text, ref ParsedRecord record);
}
