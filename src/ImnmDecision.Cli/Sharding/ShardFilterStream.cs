namespace ImnmDecision.Cli.Sharding;

/// <summary>
/// Passes on only the rows of one shard of a CSV or NDJSON cohort, as it streams. Every other row is replaced
/// by its line breaks alone (blank lines, which the readers skip), so the results keep the input's line numbers.
/// A CSV header always passes; quoted CSV cells may hold line breaks. Blank lines are not rows; blanks before a
/// row's first visible character are dropped.
/// </summary>
internal sealed class ShardFilterStream(Stream inner, Shard shard, bool csv) : Stream
{
    private byte[] buffer = [];
    private bool inRecord;
    private bool inQuotes;
    private bool selected;
    private bool headerSeen = !csv;
    private long rowIndex;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        while (true)
        {
            var source = Source(destination.Length);
            var read = inner.Read(source);
            if (read == 0)
            {
                return 0;
            }

            var written = Filter(source[..read], destination);
            if (written > 0)
            {
                return written;
            }
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Source(destination.Length);
            var read = await inner.ReadAsync(buffer.AsMemory(0, destination.Length), cancellationToken);
            if (read == 0)
            {
                return 0;
            }

            var written = Filter(buffer.AsSpan(0, read), destination.Span);
            if (written > 0)
            {
                return written;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private Span<byte> Source(int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[length];
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>Copies what the shard keeps of <paramref name="source"/>; never more bytes than it read.</summary>
    private int Filter(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var written = 0;
        foreach (var b in source)
        {
            if (!inRecord)
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r')
                {
                    continue;
                }

                if (b == (byte)'\n')
                {
                    destination[written++] = b;
                    continue;
                }

                // The first visible byte of a row (or of the CSV header) decides whether the row passes.
                inRecord = true;
                selected = !headerSeen || shard.Holds(rowIndex++);
                headerSeen = true;
            }

            if (csv && b == (byte)'"')
            {
                inQuotes = !inQuotes;
            }

            if (b == (byte)'\n')
            {
                destination[written++] = b;
                inRecord = inQuotes;
                continue;
            }

            if (selected)
            {
                destination[written++] = b;
            }
        }

        return written;
    }
}
