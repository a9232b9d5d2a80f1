namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A risk category: reached when any one of its requirements is met, a requirement being a minimum count of
/// factors held per tier (all of them at once); with no requirement it always holds. It says what to do.
/// </summary>
public sealed record RiskCategory
{
    /// <summary>Id, for example <c>moderate</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Why this category, for this patient's item reason.</summary>
    public required string Reason { get; init; }

    /// <summary>Alternatives, each a minimum count per tier (indexed as <see cref="Stratification.Tiers"/>); empty for "otherwise".</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Requirements { get; init; }

    /// <summary>What to do and when.</summary>
    public required IReadOnlyList<ScheduleStep> Schedule { get; init; }

    /// <summary>Whether counts of factors per tier meet a requirement (always, without requirements).</summary>
    internal bool IsMetBy(ReadOnlySpan<int> countPerTier)
    {
        if (Requirements.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < Requirements.Count; i++)
        {
            if (Meets(Requirements[i], countPerTier))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool Meets(IReadOnlyList<int> requirement, ReadOnlySpan<int> countPerTier)
    {
        for (var tier = 0; tier < requirement.Count; tier++)
        {
            if (countPerTier[tier] < requirement[tier])
            {
                return false;
            }
        }

        return true;
    }
}
