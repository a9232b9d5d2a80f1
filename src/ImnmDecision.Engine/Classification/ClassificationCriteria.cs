using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// A points-based classification read from the rules folder (<c>classification.json</c>): items with points with
/// and without biopsy data, the logistic model that turns a score into a probability
/// (<c>1 / (1 + exp(constant - score))</c>), the category cut-offs, the subgroup tree, and the sentences for where
/// it and the subtype disagree. Every number and sentence is data with citations.
/// </summary>
public sealed record ClassificationCriteria
{
    /// <summary>Its id in the ruleset.</summary>
    public required string Id { get; init; }

    /// <summary>Its title.</summary>
    public required string Title { get; init; }

    /// <summary>The sources of the score, the probability and the categories.</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>When biopsy data are included (the with-biopsy scheme applies); unknown counts as not included.</summary>
    public required Condition BiopsyIncluded { get; init; }

    /// <summary>The model's constant without biopsy data.</summary>
    public required double ConstantWithoutBiopsy { get; init; }

    /// <summary>The model's constant with biopsy data.</summary>
    public required double ConstantWithBiopsy { get; init; }

    /// <summary>The categories, highest cut-off first; the last has the lowest cut-off.</summary>
    public required IReadOnlyList<CategoryCutOff> Categories { get; init; }

    /// <summary>The lowest category from which the subgroup tree applies.</summary>
    public required ClassificationCategory SubgroupsFrom { get; init; }

    /// <summary>Why no subgroup is given below <see cref="SubgroupsFrom"/>.</summary>
    public required string BelowCutOff { get; init; }

    /// <summary>The items, in order.</summary>
    public required IReadOnlyList<ClassificationItem> Items { get; init; }

    /// <summary>The leaves of the subgroup tree, in order; they exclude each other, so the one that holds decides.</summary>
    public required IReadOnlyList<SubgroupLeaf> Subgroups { get; init; }

    /// <summary>The disagreements with the subtype worth a sentence, first match wins.</summary>
    public required IReadOnlyList<Discordance> Discordances { get; init; }

    /// <summary>The probability of a score in a scheme.</summary>
    public double Probability(double score, bool withBiopsy) =>
        1 / (1 + Math.Exp((withBiopsy ? ConstantWithBiopsy : ConstantWithoutBiopsy) - score));

    /// <summary>The category of a probability.</summary>
    public ClassificationCategory CategoryOf(double probability)
    {
        // Indexed, not foreach: a foreach over the list interface allocates an enumerator, twice per case scored.
        var categories = Categories;
        for (var i = 0; i < categories.Count; i++)
        {
            if (probability >= categories[i].MinProbability)
            {
                return categories[i].Category;
            }
        }

        return categories[^1].Category;
    }
}
