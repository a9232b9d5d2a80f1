using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// What a classification came to for one case: each item's truth, the scheme, the score and its maximum, their
/// probabilities and categories, the subgroup leaf and the sentence where it and the subtype disagree. Reused
/// across cases on one thread (see <see cref="Evaluation.CaseDecisions"/>), so scoring allocates nothing.
/// </summary>
public sealed class ClassificationDecisions
{
    internal ClassificationDecisions(ClassificationCriteria criteria)
    {
        Criteria = criteria;
        ItemTruths = new Truth[criteria.Items.Count];
        LeafTruths = new Truth[criteria.Subgroups.Count];
    }

    /// <summary>The criteria scored.</summary>
    public ClassificationCriteria Criteria { get; }

    /// <summary>Whether biopsy data are included.</summary>
    public bool BiopsyIncluded { get; internal set; }

    /// <summary>The score of the items met.</summary>
    public double Score { get; internal set; }

    /// <summary>The score if every unknown item were met.</summary>
    public double MaxScore { get; internal set; }

    /// <summary>The probability of <see cref="Score"/>, unrounded.</summary>
    public double Probability { get; internal set; }

    /// <summary>The probability of <see cref="MaxScore"/>, unrounded.</summary>
    public double MaxProbability { get; internal set; }

    /// <summary>The category of <see cref="Probability"/>.</summary>
    public ClassificationCategory Category { get; internal set; }

    /// <summary>The category of <see cref="MaxProbability"/>.</summary>
    public ClassificationCategory MaxCategory { get; internal set; }

    /// <summary>The subgroup reached, or not reached.</summary>
    public ClassificationSubgroup Subgroup { get; internal set; }

    /// <summary>The leaf that decided the subgroup; -1 when none did (below the cut-off, or the tree needs more).</summary>
    public int Leaf { get; internal set; }

    /// <summary>When no leaf holds above the cut-off: the input fields the tree needs, as a mask.</summary>
    public FieldMask SubgroupNeeds { get; internal set; }

    /// <summary>The disagreement with the subtype that applies, or -1.</summary>
    public int Discordance { get; internal set; }

    /// <summary>Each item's truth, in order (an item of the other scheme is left unknown and not scored).</summary>
    internal Truth[] ItemTruths { get; }

    /// <summary>Whether biopsy data are included, as a truth (a buffer for the scorer).</summary>
    internal Truth[] BiopsyTruth { get; } = new Truth[1];

    /// <summary>Each subgroup leaf's truth, in order.</summary>
    internal Truth[] LeafTruths { get; }
}
