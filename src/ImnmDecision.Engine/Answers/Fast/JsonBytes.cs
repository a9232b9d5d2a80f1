namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>A growable run of UTF-8 JSON bytes, reused by one thread (a trace is put together here, then copied into the answer).</summary>
internal sealed class JsonBytes
{
    private byte[] data = new byte[16 * 1024];

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written.</summary>
    public ReadOnlySpan<byte> Written => data.AsSpan(0, Length);

    /// <summary>Part of the bytes written.</summary>
    public ReadOnlySpan<byte> Slice(int start, int length) => data.AsSpan(start, length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > data.Length)
        {
            Array.Resize(ref data, Math.Max(data.Length * 2, Length + bytes.Length));
        }

        bytes.CopyTo(data.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Append(byte value)
    {
        if (Length == data.Length)
        {
            Array.Resize(ref data, data.Length * 2);
        }

        data[Length++] = value;
    }
}
