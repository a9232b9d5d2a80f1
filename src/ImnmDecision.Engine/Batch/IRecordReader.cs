namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Reads one record at a time from contiguous UTF-8 bytes that start where the previous record ended. Readers
/// keep their own state (header, line number) and never hold on to the bytes.
/// </summary>
internal interface IRecordReader
{
    /// <summary>Reads from the start of <paramref name="data"/>; <paramref name="isFinalBlock"/> when no more input follows.</summary>
    RecordStatus Read(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, ref ParsedRecord record);
}
