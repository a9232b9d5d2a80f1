using ImnmDecision.CdsHooks.Http;
using Microsoft.AspNetCore.Connections;

namespace ImnmDecision.Api.Middleware;

/// <summary>
/// A read-only view of a request body that throws <see cref="RequestBodyTooLargeException"/> once more than
/// the limit has been read. Kestrel enforces the same limit on its side; this makes it hold under TestServer
/// (which has none) and turns Kestrel's own 413 into the exception the problem handler maps. Any other failure
/// to read the body that is not the client going away (malformed chunked framing, such as a chunk size that
/// overflows Kestrel's parser, which throws a bare <see cref="IOException"/>) becomes a 400
/// <see cref="BadHttpRequestException"/>: the request is at fault, never the server. A connection the client
/// reset is the client going away, not a malformed body: its <see cref="ConnectionResetException"/> passes on.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long limitBytes) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(inner.Read(buffer));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestBodyTooLargeException(limitBytes);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException and not ConnectionResetException)
        {
            throw Malformed(exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestBodyTooLargeException(limitBytes);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException and not ConnectionResetException && !cancellationToken.IsCancellationRequested)
        {
            throw Malformed(exception);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The body's framing is broken; the exception's message is not passed on (it is Kestrel's, not the request's, but never needed).</summary>
    private static BadHttpRequestException Malformed(IOException exception) =>
        new("The request body could not be read: its framing is malformed.", StatusCodes.Status400BadRequest, exception);

    private int Count(int bytes)
    {
        read += bytes;
        return read > limitBytes ? throw new RequestBodyTooLargeException(limitBytes) : bytes;
    }
}
