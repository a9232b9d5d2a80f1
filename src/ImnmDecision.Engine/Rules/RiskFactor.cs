namespace ImnmDecision.Engine.Rules;

/// <summary>One risk factor: its tier and the condition under which the findings hold it.</summary>
public sealed record RiskFactor
{
    /// <summary>Id, for example <c>dysphagia</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What it is, for clinicians.</summary>
    public required string Label { get; init; }

    /// <summary>Its tier's position in <see cref="Stratification.Tiers"/>.</summary>
    public required int Tier { get; init; }

    /// <summary>When the findings hold it; null when no finding records it (then it is unknown, or absent by <see cref="ExcludedWhen"/>).</summary>
    public Condition? When { get; init; }

    /// <summary>For a factor no finding records: when the findings rule it out (a dermatomyositis factor for a case classified as IMNM).</summary>
    public Condition? ExcludedWhen { get; init; }

    /// <summary>Citation ids for its place in its tier.</summary>
    public required IReadOnlyList<string> Citations { get; init; }
}
