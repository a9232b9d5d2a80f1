namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Frames one record at a time from contiguous UTF-8 bytes that start where the previous record ended. Readers
/// keep their own state (header, line number) and never hold on to the bytes. A record is either complete
/// (an error found while framing) or left to parse: its text is the <see cref="ParsedRecord.TextLength"/> bytes
/// from <see cref="ParsedRecord.TextStart"/> of the data, for a parser from <see cref="CreateParser"/>.
/// </summary>
internal interface IRecordReader
{
    /// <summary>Reads from the start of <paramref name="data"/>; <paramref name="isFinalBlock"/> when no more input follows.</summary>
    RecordStatus Read(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record);

    /// <summary>A parser for the text of the records this reader framed (once it has read what they need, such as a header).</summary>
    IRecordParser CreateParser();
}
