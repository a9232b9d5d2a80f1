using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// Where a classification and the subtype point different ways: the subtypes, categories and subgroups that
/// meet (an empty list matches any) and the sentence the answer then carries (<c>{subgroup}</c> stands for the
/// subgroup's label).
/// </summary>
public sealed record Discordance
{
    /// <summary>The subtypes it applies to.</summary>
    public required IReadOnlySet<SubtypeCode> Subtypes { get; init; }

    /// <summary>The categories it applies to; empty for any.</summary>
    public required IReadOnlySet<ClassificationCategory> Categories { get; init; }

    /// <summary>The subgroups it applies to; empty for any.</summary>
    public required IReadOnlySet<ClassificationSubgroup> Subgroups { get; init; }

    /// <summary>The sentence.</summary>
    public required string Statement { get; init; }

    /// <summary>Citation ids (the subtype's source and the classification's).</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>Whether it applies to this subtype, category and subgroup.</summary>
    public bool Matches(SubtypeCode subtype, ClassificationCategory category, ClassificationSubgroup subgroup) =>
        Subtypes.Contains(subtype)
        && (Categories.Count == 0 || Categories.Contains(category))
        && (Subgroups.Count == 0 || Subgroups.Contains(subgroup));
}
