using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// The last element of every batch answer (<c>{"summary": ...}</c>; in CSV the row whose caseId is
/// <c>#summary</c>): how many rows were read, scored and failed, the count per subtype code, and the ruleset
/// that scored them, so a result file can be tied to the exact rules that produced it.
/// </summary>
public sealed record BatchSummary
{
    /// <summary>Rows read (cases), scored or failed.</summary>
    public required long Rows { get; init; }

    /// <summary>Rows scored.</summary>
    public required long Scored { get; init; }

    /// <summary>Rows that carry an <c>error</c> instead of a result.</summary>
    public required long Failed { get; init; }

    /// <summary>Scored rows per subtype code; every code is listed, with 0 where none.</summary>
    public required IReadOnlyDictionary<string, long> Subtypes { get; init; }

    /// <summary>The ruleset that scored the batch: id, version, sha256 and the <c>X-Ruleset-Version</c> tag.</summary>
    public required RulesetIdentity Ruleset { get; init; }

    /// <summary>True when the row limit stopped the batch early: the rows after the limit were not read.</summary>
    public required bool Truncated { get; init; }

    /// <summary>
    /// True when a fault ended the batch early (a JSON array whose syntax breaks, a failure of the server): the
    /// rows before it are answered, the rest of the input was not read. <c>abortReason</c> says why.
    /// </summary>
    public bool Aborted { get; init; }

    /// <summary>Why the batch was aborted, in words that never quote the input; absent when it was not.</summary>
    public string? AbortReason { get; init; }
}
