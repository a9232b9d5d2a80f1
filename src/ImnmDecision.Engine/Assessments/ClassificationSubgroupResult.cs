namespace ImnmDecision.Engine.Assessments;

/// <summary>The subgroup the classification tree reaches, or why it reaches none.</summary>
public sealed record ClassificationSubgroupResult
{
    /// <summary>The subgroup, or <c>not-reached</c>.</summary>
    public required ClassificationSubgroup Code { get; init; }

    /// <summary>A readable label (for <c>not-reached</c>, why); absent in batch rows.</summary>
    public string? Label { get; init; }

    /// <summary>When not reached: the findings the tree needs to go on, if that is why.</summary>
    public IReadOnlyList<string>? Needs { get; init; }

    /// <summary>Citation ids (absent in batch rows).</summary>
    public IReadOnlyList<string>? Citations { get; init; }
}
