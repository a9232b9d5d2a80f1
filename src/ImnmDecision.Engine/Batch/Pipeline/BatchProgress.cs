namespace ImnmDecision.Engine.Batch;

/// <summary>Live counters of a running batch, for a progress display on another thread.</summary>
public sealed class BatchProgress
{
    private long rows;
    private long failed;
    private long bytesRead;

    /// <summary>Rows read so far.</summary>
    public long Rows => Volatile.Read(ref rows);

    /// <summary>Rows that failed so far.</summary>
    public long Failed => Volatile.Read(ref failed);

    /// <summary>The failure that aborted the batch, if one did (for the caller's log: its type, never its message).</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Input bytes consumed so far.</summary>
    public long BytesRead => Volatile.Read(ref bytesRead);

    internal void ReportRows(long rowCount, long failedCount)
    {
        Volatile.Write(ref failed, failedCount);
        Volatile.Write(ref rows, rowCount);
    }

    internal void ReportFault(Exception fault) => Fault = fault;

    internal void ReportBytes(long bytes) => Volatile.Write(ref bytesRead, bytes);
}
