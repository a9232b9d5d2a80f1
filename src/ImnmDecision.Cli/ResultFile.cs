namespace ImnmDecision.Cli;

/// <summary>
/// The file <c>imnm score</c> writes its results to. It is opened before scoring, so a path that cannot be written
/// is reported at once, but what is already there is emptied only at the first write: a run refused before its first
/// result (an identifier column, an unknown column) leaves an existing file, device or link as it was, and
/// <see cref="DeleteIfCreatedAsync"/> removes only a file the run itself created.
/// </summary>
internal sealed class ResultFile : Stream
{
    private readonly string path;
    private readonly FileStream file;
    private readonly bool created;
    private bool emptied;

    /// <exception cref="IOException">The file cannot be opened (see <see cref="OutputFile.Open"/>).</exception>
    public ResultFile(string path)
    {
        this.path = path;
        file = OutputFile.OpenKeepingContent(path, out created);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Makes the file hold only what this run writes, even when it writes nothing (called once the run was not refused).</summary>
    public void Claim()
    {
        if (!emptied)
        {
            emptied = true;
            OutputFile.EmptyIfFilled(file);
        }
    }

    /// <summary>After a refused run: closes the file and deletes it when this run created it (and only then).</summary>
    public async Task DeleteIfCreatedAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        if (created && !emptied)
        {
            File.Delete(path);
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Claim();
        file.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Claim();
        file.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Claim();
        return file.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Claim();
        return file.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => file.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => file.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
