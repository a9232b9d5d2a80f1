namespace ImnmDecision.Engine.Batch;

/// <summary>Limits of one batch. Bound from the <c>Batch</c> configuration section by the API.</summary>
public sealed record BatchOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Batch";

    /// <summary>Most rows (cases) one batch may hold; beyond it the answer is 413, or, once results are streaming, a final error row.</summary>
    public long MaxRows { get; init; } = 10_000_000;

    /// <summary>Largest single case (a CSV row, an NDJSON line or an array element) in bytes; a larger one is an error row.</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024;

    /// <summary>Results are written out once this many bytes are pending (and whenever the input pauses).</summary>
    public int FlushBytes { get; init; } = 32 * 1024;

    /// <summary>
    /// CSV answers hold the caseIds and messages as sent, without the <c>'</c> that keeps a spreadsheet from
    /// reading a cell that starts with =, +, -, @, a tab or a carriage return as a formula (for pipelines).
    /// </summary>
    public bool RawCsv { get; init; }

    /// <summary>Workers that score batches side by side (besides the reader and the writer); 0 for one per core.</summary>
    public int Workers { get; init; }
}
