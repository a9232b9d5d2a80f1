namespace ImnmDecision.Engine.Assessments;

/// <summary>A risk factor of a workup item's risk stratification.</summary>
public sealed record RiskFactorItem
{
    /// <summary>The factor's id in the ruleset, for example <c>age-over-40-at-onset</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What it is.</summary>
    public required string Label { get; init; }

    /// <summary>Its tier (IMACS 2023: <c>high</c>, <c>intermediate</c> or <c>low</c>).</summary>
    public required string Tier { get; init; }

    /// <summary>For a factor that could raise the category: the input fields that would tell (empty when none records it).</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }
}
