namespace ImnmDecision.Engine.Assessments;

/// <summary>One item of a classification: its points, whether it is met, the facts it read and its sources.</summary>
public sealed record ClassificationItemResult
{
    /// <summary>The item's id in the ruleset.</summary>
    public required string Id { get; init; }

    /// <summary>What the item is (absent in batch rows, where it is the same on every row).</summary>
    public string? Label { get; init; }

    /// <summary>Its points in the scheme used (with or without biopsy data).</summary>
    public required double Points { get; init; }

    /// <summary>Met, not met or unknown.</summary>
    public required ClassificationItemStatus Status { get; init; }

    /// <summary>The findings (and facts derived from them) the item reads (absent in batch rows).</summary>
    public IReadOnlyList<string>? Findings { get; init; }

    /// <summary>Citation ids (absent in batch rows).</summary>
    public IReadOnlyList<string>? Citations { get; init; }
}
