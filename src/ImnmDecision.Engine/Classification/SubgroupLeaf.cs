using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// A leaf of a classification tree: the subgroup reached when its condition holds, or a stop
/// (<see cref="ClassificationSubgroup.NotReached"/>) whose label says why the tree cannot be followed.
/// </summary>
public sealed record SubgroupLeaf
{
    /// <summary>The subgroup, or not reached.</summary>
    public required ClassificationSubgroup Subgroup { get; init; }

    /// <summary>Its label; for a stop, the reason.</summary>
    public required string Label { get; init; }

    /// <summary>When the tree ends here.</summary>
    public required Condition When { get; init; }

    /// <summary>Why, in a sentence a clinician can review.</summary>
    public required string Rationale { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }
}
