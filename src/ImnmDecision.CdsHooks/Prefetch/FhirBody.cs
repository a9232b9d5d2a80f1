using System.Buffers;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// A FHIR answer's body, held in blocks of the service's <see cref="FhirBodyPool"/> rather than in one array
/// that doubles as it grows: no array larger than a block is allocated for a body, and the blocks go back to
/// the pool when the page has been parsed. Read under the per-response cap and the hook's allowance.
/// </summary>
internal sealed class FhirBody : IDisposable
{
    private readonly FhirBodyPool pool;
    private readonly FhirBodySegment first;
    private FhirBodySegment last;
    private bool disposed;

    private FhirBody(FhirBodyPool pool, byte[] block)
    {
        this.pool = pool;
        first = new FhirBodySegment(block, 0);
        last = first;
    }

    /// <summary>How many bytes were read.</summary>
    public long Length => last.RunningIndex + last.Length;

    /// <summary>The body as one sequence over its blocks.</summary>
    public ReadOnlySequence<byte> Sequence => new(first, 0, last, last.Length);

    /// <summary>
    /// Streams a body into blocks. Returns the body, or the reason it was refused (the per-response cap or the
    /// hook's allowance spent); a refused body's blocks are returned here.
    /// </summary>
    public static async Task<(FhirBody? Body, string? Problem)> ReadAsync(
        HttpContent content, long cap, FetchAllowance allowance, FhirBodyPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(allowance);
        ArgumentNullException.ThrowIfNull(pool);
        if (content.Headers.ContentLength > cap)
        {
            return (null, "answer larger than the per-response cap");
        }

        var body = new FhirBody(pool, await pool.RentAsync(cancellationToken));
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (body.last.Length == FhirBodyPool.BlockBytes)
                {
                    body.last = body.last.Append(await pool.RentAsync(cancellationToken));
                }

                var read = await stream.ReadAsync(body.last.Free, cancellationToken);
                if (read == 0)
                {
                    var done = body;
                    body = null;
                    return (done, null);
                }

                body.last.Advance(read);
                if (body.Length > cap)
                {
                    return (null, "answer larger than the per-response cap");
                }

                if (!allowance.TryTake(read))
                {
                    return (null, "the hook's total download cap is spent");
                }
            }
        }
        finally
        {
            body?.Dispose();
        }
    }

    /// <summary>Gives the blocks back to the pool.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        for (var segment = first; segment is not null; segment = segment.Next as FhirBodySegment)
        {
            pool.Return(segment.Block);
        }
    }
}
