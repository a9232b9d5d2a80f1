using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Batch;

/// <summary>A batch row's classification subgroup.</summary>
public sealed record BatchSubgroup
{
    /// <summary>The subgroup, or <c>not-reached</c>.</summary>
    public required ClassificationSubgroup Code { get; init; }

    /// <summary>The findings the tree needs, when that is why it is not reached.</summary>
    public IReadOnlyList<string>? Needs { get; init; }
}
