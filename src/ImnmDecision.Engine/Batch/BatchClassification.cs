using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// A row's 2017 EULAR/ACR classification: the single-case answer's <c>classification.eularAcr2017</c> without the
/// texts that are the same on every row (item labels, findings and citations, the subgroup's label; see the ruleset).
/// </summary>
public sealed record BatchClassification
{
    /// <summary>Whether biopsy data are included.</summary>
    public required bool BiopsyIncluded { get; init; }

    /// <summary>The score of the items met.</summary>
    public required double Score { get; init; }

    /// <summary>Its probability, to four decimals.</summary>
    public required double Probability { get; init; }

    /// <summary>Its category.</summary>
    public required ClassificationCategory Category { get; init; }

    /// <summary>The score if every unknown item were met.</summary>
    public required double MaxScore { get; init; }

    /// <summary>Its probability, to four decimals.</summary>
    public required double MaxProbability { get; init; }

    /// <summary>Its category.</summary>
    public required ClassificationCategory MaxCategory { get; init; }

    /// <summary>The subgroup, or not reached (with the findings the tree needs, if that is why).</summary>
    public required BatchSubgroup Subgroup { get; init; }

    /// <summary>Each item of the scheme used: id, points, status.</summary>
    public required IReadOnlyList<BatchClassificationItem> Items { get; init; }

    /// <summary>The sentence where the classification and the subtype point different ways; otherwise absent.</summary>
    public string? Comparison { get; init; }
}
