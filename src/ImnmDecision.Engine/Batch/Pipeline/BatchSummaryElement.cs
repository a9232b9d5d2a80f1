namespace ImnmDecision.Engine.Batch;

/// <summary>The last element of a JSON or NDJSON batch answer: <c>{"summary": {...}}</c>.</summary>
public sealed record BatchSummaryElement
{
    /// <summary>The summary.</summary>
    public required BatchSummary Summary { get; init; }
}
