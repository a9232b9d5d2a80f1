namespace ImnmDecision.Engine.Batch;

/// <summary>
/// An RFC 9457 problem document for one row of a batch (or for the whole batch when it is refused).
/// Errors are keyed by the JSON path or CSV column of the field; no message repeats a value that was sent.
/// </summary>
public sealed record BatchProblem
{
    /// <summary>A URI identifying the kind of problem.</summary>
    public required string Type { get; init; }

    /// <summary>A short summary of the kind of problem.</summary>
    public required string Title { get; init; }

    /// <summary>The HTTP status this problem would have on its own: 400 for a bad row, 413 for a row or batch too large.</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong with this row.</summary>
    public string? Detail { get; init; }

    /// <summary>The line of the input where the row starts (the CSV header is line 1).</summary>
    public long? Line { get; init; }

    /// <summary>Messages keyed by JSON path (<c>ck.value</c>; <c>$</c> for the row as a whole).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
