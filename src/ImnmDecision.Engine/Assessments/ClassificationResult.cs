namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// A classification score beside the subtype (the 2017 EULAR/ACR criteria for idiopathic inflammatory myopathy):
/// the score of the items known to be met, its probability and category, how far the unknown items could take
/// it, the subgroup, and every item. It never changes the subtype.
/// </summary>
public sealed record ClassificationResult
{
    /// <summary>Whether muscle biopsy data are included (the with-biopsy weights and constant apply).</summary>
    public required bool BiopsyIncluded { get; init; }

    /// <summary>The sum of the points of the items known to be met.</summary>
    public required double Score { get; init; }

    /// <summary>The probability of IIM for <c>score</c>, to four decimals.</summary>
    public required double Probability { get; init; }

    /// <summary>The category of <see cref="Probability"/>.</summary>
    public required ClassificationCategory Category { get; init; }

    /// <summary>The score if every unknown item were met.</summary>
    public required double MaxScore { get; init; }

    /// <summary>The probability for <c>maxScore</c>, to four decimals.</summary>
    public required double MaxProbability { get; init; }

    /// <summary>The category of <see cref="MaxProbability"/>.</summary>
    public required ClassificationCategory MaxCategory { get; init; }

    /// <summary>The subgroup from the classification tree, or why none is reached.</summary>
    public required ClassificationSubgroupResult Subgroup { get; init; }

    /// <summary>Every item of the scheme used, in the ruleset's order.</summary>
    public required IReadOnlyList<ClassificationItemResult> Items { get; init; }

    /// <summary>Where the classification and the subtype point different ways, one sentence saying so; otherwise absent.</summary>
    public string? Comparison { get; init; }

    /// <summary>The sources of the score, the probability, the categories and the comparison (absent in batch rows).</summary>
    public IReadOnlyList<string>? Citations { get; init; }
}
