namespace ImnmDecision.Engine.Batch;

/// <summary>Skips a UTF-8 byte order mark at the very start of a stream, once.</summary>
internal struct ByteOrderMark
{
    private bool checkedStart;

    /// <summary>
    /// True when the reader must return <paramref name="status"/> now: more bytes are needed to tell, or the
    /// mark was found and <paramref name="consumed"/> skips it.
    /// </summary>
    public bool Handle(ReadOnlySpan<byte> data, bool isFinalBlock, out int consumed, out RecordStatus status)
    {
        consumed = 0;
        status = RecordStatus.Skipped;
        if (checkedStart)
        {
            return false;
        }

        if (data.Length < 3 && !isFinalBlock && "\uFEFF"u8.StartsWith(data))
        {
            status = RecordStatus.NeedMoreData;
            return true;
        }

        checkedStart = true;
        if (data.StartsWith("\uFEFF"u8))
        {
            consumed = 3;
            return true;
        }

        return false;
    }
}
