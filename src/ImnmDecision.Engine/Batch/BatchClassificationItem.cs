using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Batch;

/// <summary>One classification item of a batch row.</summary>
public sealed record BatchClassificationItem
{
    /// <summary>The item's id in the ruleset.</summary>
    public required string Id { get; init; }

    /// <summary>Its points in the scheme used.</summary>
    public required double Points { get; init; }

    /// <summary>Met, not met or unknown.</summary>
    public required ClassificationItemStatus Status { get; init; }
}
