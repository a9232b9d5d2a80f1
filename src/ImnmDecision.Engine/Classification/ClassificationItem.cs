using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// One item of a points-based classification: a condition in the rule language (true: met, false: not met,
/// unknown: unknown) and its points with and without biopsy data (absent: not an item of that scheme). Items of
/// one group are alternatives: only the highest met one counts.
/// </summary>
public sealed record ClassificationItem
{
    /// <summary>The item's id.</summary>
    public required string Id { get; init; }

    /// <summary>What the item is, for clinicians.</summary>
    public required string Label { get; init; }

    /// <summary>The group of alternatives it belongs to (the age bands), or null.</summary>
    public string? Group { get; init; }

    /// <summary>Points without biopsy data; null when it is no item of that scheme.</summary>
    public decimal? PointsWithoutBiopsy { get; init; }

    /// <summary>Points with biopsy data; null when it is no item of that scheme.</summary>
    public decimal? PointsWithBiopsy { get; init; }

    /// <summary>When the item is met.</summary>
    public required Condition When { get; init; }

    /// <summary>Why, in a sentence a clinician can review.</summary>
    public required string Rationale { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>The facts the condition reads, in reading order.</summary>
    public required IReadOnlyList<FactDefinition> FactsRead { get; init; }

    /// <summary>The item's points in a scheme, or null when it is no item of it.</summary>
    public decimal? Points(bool withBiopsy) => withBiopsy ? PointsWithBiopsy : PointsWithoutBiopsy;
}
