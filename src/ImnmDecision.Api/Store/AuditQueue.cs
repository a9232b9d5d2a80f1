using System.Diagnostics;
using System.Threading.Channels;
using ImnmDecision.Store;

namespace ImnmDecision.Api.Store;

/// <summary>
/// Writes audit entries off the request path: answers put their entry in a bounded queue and go on; one writer
/// takes what has gathered and inserts it in one transaction (one disk flush for many answers). Nothing is lost
/// silently: an entry that finds the queue full is counted and the count logged; an entry the store refuses is
/// logged with its ids. The queue is drained when the service stops (after the server has answered its last
/// request), and <see cref="FlushAsync"/> lets a reader of the audit see every entry queued before it.
/// </summary>
internal sealed partial class AuditQueue
{
    /// <summary>Entries waiting at most; past that an entry is counted as dropped (minutes of full load at the store's pace).</summary>
    public const int DefaultCapacity = 65_536;

    /// <summary>How long <see cref="FlushAsync"/> waits at most.</summary>
    public static readonly TimeSpan FlushLimit = TimeSpan.FromSeconds(10);

    /// <summary>Entries written in one transaction at most.</summary>
    private const int BatchSize = 512;

    /// <summary>
    /// How long the writer lets entries gather before a commit that would write fewer than a batch: under load,
    /// one commit (one disk flush) then writes many answers' entries instead of a few.
    /// </summary>
    private static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(10);

    private readonly StoreState state;
    private readonly ILogger<AuditQueue> logger;
    private readonly Channel<AuditRecord> queue;
    private readonly Lock gate = new();
    private Task? writer;
    private long queued;
    private long done;
    private long dropped;
    private long droppedReported;
    private bool draining;
    private TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditQueue(StoreState state, ILogger<AuditQueue> logger)
        : this(state, logger, DefaultCapacity)
    {
    }

    internal AuditQueue(StoreState state, ILogger<AuditQueue> logger, int capacity)
    {
        this.state = state;
        this.logger = logger;
        Capacity = capacity;
        queue = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>How many entries may wait.</summary>
    public int Capacity { get; }

    /// <summary>Entries dropped because the queue was full or closed, since start (each logged as part of a count).</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Queues an entry; never waits. A full queue counts the entry as dropped.</summary>
    public void Enqueue(AuditRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        bool closed;
        lock (gate)
        {
            if (queue.Writer.TryWrite(entry))
            {
                queued++;
                return;
            }

            closed = queue.Reader.Completion.IsCompleted || draining;
        }

        Interlocked.Increment(ref dropped);
        if (closed)
        {
            // No writer is left to report it later.
            ReportDropped();
        }
    }

    /// <summary>Starts the writer (once the store is open).</summary>
    public void Start()
    {
        lock (gate)
        {
            writer ??= Task.Run(WriteAllAsync);
        }
    }

    /// <summary>
    /// Waits until every entry queued before this call has been written (or refused by the store), for at most
    /// <see cref="FlushLimit"/>: a reader of the audit then goes on with what is written.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        long target;
        lock (gate)
        {
            target = queued;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(FlushLimit.TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref done) < target)
        {
            Task next;
            lock (gate)
            {
                next = written.Task;
            }

            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (Interlocked.Read(ref done) >= target || left <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                await next.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                break;
            }
        }
    }

    /// <summary>Closes the queue, writes what is left and stops the writer; entries queued after this are counted as dropped.</summary>
    public async Task DrainAsync()
    {
        lock (gate)
        {
            draining = true;
            queue.Writer.TryComplete();
        }

        if (writer is not null)
        {
            await writer;
        }

        ReportDropped();
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<AuditRecord>(BatchSize);
        while (await queue.Reader.WaitToReadAsync())
        {
            if (queue.Reader.Count < BatchSize)
            {
                await Task.Delay(GatherFor);
            }

            while (batch.Count < BatchSize && queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            await WriteAsync(batch);
            TaskCompletionSource signal;
            lock (gate)
            {
                done += batch.Count;
                signal = written;
                written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
            batch.Clear();
            ReportDropped();
        }
    }

    private async Task WriteAsync(List<AuditRecord> batch)
    {
        try
        {
            var store = state.Store ?? throw new InvalidOperationException("The store is not open.");
            await store.RecordAuditsAsync(batch, CancellationToken.None);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            foreach (var entry in batch)
            {
                LogWriteFailed(entry.Door, entry.AssessmentId, exception.GetType().Name);
            }
        }
    }

    private void ReportDropped()
    {
        var total = Interlocked.Read(ref dropped);
        var count = total - Interlocked.Exchange(ref droppedReported, total);
        if (count > 0)
        {
            LogDropped(count, Capacity);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry for {Door} assessment {AssessmentId} not written ({ExceptionType})")]
    private partial void LogWriteFailed(string door, Guid assessmentId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "{DroppedCount} audit entries not written: the audit queue ({Capacity} entries) was full or closed")]
    private partial void LogDropped(long droppedCount, int capacity);
}
