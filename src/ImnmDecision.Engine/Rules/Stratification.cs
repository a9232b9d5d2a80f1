namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A risk stratification from <c>rules/stratifications.json</c>, attached to a workup item by its rule
/// (<c>"stratification": id</c>): factors in tiers, each with the condition that says whether the findings hold
/// it, and categories from the highest down, each reached by counts of factors per tier. The IMACS 2023 cancer
/// risk is one; the engine knows none of them by name. Factors, tiers, counts, schedules and cautions are data.
/// </summary>
public sealed record Stratification
{
    /// <summary>Id, for example <c>imacs-2023-cancer-risk</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A title for people.</summary>
    public required string Title { get; init; }

    /// <summary>What it encodes and how sure each part is, for reviewers.</summary>
    public required string Description { get; init; }

    /// <summary>The tiers factors belong to, in the order they are counted.</summary>
    public required IReadOnlyList<RiskTier> Tiers { get; init; }

    /// <summary>The factors, in the order the answer lists them.</summary>
    public required IReadOnlyList<RiskFactor> Factors { get; init; }

    /// <summary>The categories, highest first; the last one has no requirement and always holds.</summary>
    public required IReadOnlyList<RiskCategory> Categories { get; init; }

    /// <summary>Cautions on the schedule (pregnancy and imaging), each shown when its condition holds.</summary>
    public required IReadOnlyList<Caution> Cautions { get; init; }

    /// <summary>Citation ids of the stratification as a whole.</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>Every condition it holds (factors and cautions).</summary>
    internal IEnumerable<Condition> Conditions =>
        Factors.Select(f => f.When).Concat(Factors.Select(f => f.ExcludedWhen)).Concat(Cautions.Select(c => c.When)).OfType<Condition>();
}
