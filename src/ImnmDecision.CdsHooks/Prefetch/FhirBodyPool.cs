using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// The fixed set of blocks that FHIR server answers are read into, shared by every hook call: at most
/// <see cref="CdsHooksOptions.FhirMaxBufferedBytes"/> (read at start-up) in blocks of <see cref="BlockBytes"/>, created on first
/// use and kept for reuse. When every block is in use a fetch waits for one within its time budget (a hostile
/// server holds its blocks only until the per-response cap stops it), so the memory that answers take is
/// bounded for the whole process, not per call, and nothing here allocates after warm-up.
/// </summary>
internal sealed class FhirBodyPool : IDisposable
{
    /// <summary>The size of one block (under the large-object threshold).</summary>
    public const int BlockBytes = 16 * 1024;

    private readonly ConcurrentQueue<byte[]> free = new();
    private readonly SemaphoreSlim available;

    public FhirBodyPool(IOptionsMonitor<CdsHooksOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = (int)Math.Clamp(options.CurrentValue.FhirMaxBufferedBytes / BlockBytes, 1, int.MaxValue);
        available = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>How many blocks the pool holds at most.</summary>
    public int Capacity { get; }

    /// <summary>How many blocks are free now.</summary>
    public int Free => available.CurrentCount;

    /// <summary>A block, waiting (within <paramref name="cancellationToken"/>) while every block is in use.</summary>
    public async ValueTask<byte[]> RentAsync(CancellationToken cancellationToken)
    {
        await available.WaitAsync(cancellationToken);
        return free.TryDequeue(out var block) ? block : new byte[BlockBytes];
    }

    /// <summary>Gives a block back for the next fetch.</summary>
    public void Return(byte[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        free.Enqueue(block);
        available.Release();
    }

    public void Dispose() => available.Dispose();
}
