namespace ImnmDecision.Api.Http;

/// <summary>
/// Reads a whole request body into memory. The body limit middleware has already bounded it (a longer body
/// throws <see cref="CdsHooks.Http.RequestBodyTooLargeException"/>, answered 413), so this is at most
/// <c>Api:MaxBodyBytes</c>. A UTF-8 byte order mark at its start is dropped (RFC 8259 8.1 allows a parser to
/// ignore it), as the batch readers and the CDS Hooks door do: the same file is read the same way by every door.
/// </summary>
internal static class RequestBody
{
    /// <summary>
    /// The copy buffer (rented from the shared pool). Stream's default, 81,920 bytes, is rented from the pool's
    /// 128 KiB arrays, which live on the large object heap: under load the pool runs short of them and each new
    /// one counts towards a full collection.
    /// </summary>
    private const int CopyBufferSize = 16 * 1024;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < 1024 * 1024 and var length ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer, CopyBufferSize, cancellationToken);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;
    }
}
