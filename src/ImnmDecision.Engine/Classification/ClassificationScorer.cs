using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Evaluation.Deciding;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// Scores a classification on a case's facts: every item decided in one compiled call (three-valued), the items
/// met summed, the unknown ones added for the maximum, only the highest of a group of alternatives counted; then the
/// probabilities, categories, the subgroup leaf and the disagreement with the subtype.
/// </summary>
internal sealed class ClassificationScorer
{
    private readonly ClassificationCriteria criteria;
    private readonly TruthTable items;
    private readonly TruthTable leafTruths;
    private readonly KindDecisions leaves;
    private readonly TruthTable biopsy;
    private readonly int[] groupOf;
    private readonly int groups;

    // Points by scheme (0 without biopsy data, 1 with), NaN when the item is no item of that scheme.
    private readonly double[][] points;

    public ClassificationScorer(ClassificationCriteria criteria, IConditionDeciding deciding)
    {
        this.criteria = criteria;
        items = new TruthTable([.. criteria.Items.Select(i => i.When)]);
        leafTruths = new TruthTable([.. criteria.Subgroups.Select(l => l.When)]);
        leaves = new KindDecisions([.. criteria.Subgroups.Select(l => l.When)], SlotMask.Empty, deciding);
        biopsy = new TruthTable([criteria.BiopsyIncluded]);
        points = [Points(criteria, withBiopsy: false), Points(criteria, withBiopsy: true)];
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        groupOf = new int[criteria.Items.Count];
        for (var i = 0; i < groupOf.Length; i++)
        {
            groupOf[i] = criteria.Items[i].Group is { } group
                ? named.TryGetValue(group, out var index) ? index : named[group] = groups++
                : groups++;
        }
    }

    public ClassificationDecisions CreateDecisions() => new(criteria);

    private static double[] Points(ClassificationCriteria criteria, bool withBiopsy) =>
        [.. criteria.Items.Select(i => i.Points(withBiopsy) is { } p ? (double)p : double.NaN)];

    public void Score(FactSet facts, SubtypeCode subtype, ClassificationDecisions result)
    {
        var values = facts.Raw;
        var included = result.BiopsyTruth;
        biopsy.Decide(values, included);
        var withBiopsy = included[0] == Truth.True;
        result.BiopsyIncluded = withBiopsy;

        items.Decide(values, result.ItemTruths);
        Span<double> met = stackalloc double[groups];
        Span<double> could = stackalloc double[groups];
        var truths = result.ItemTruths;
        var scheme = points[withBiopsy ? 1 : 0];
        for (var i = 0; i < truths.Length; i++)
        {
            var itemPoints = scheme[i];
            if (double.IsNaN(itemPoints) || truths[i] == Truth.False)
            {
                continue;
            }

            var group = groupOf[i];
            could[group] = Math.Max(could[group], itemPoints);
            if (truths[i] == Truth.True)
            {
                met[group] = Math.Max(met[group], itemPoints);
            }
        }

        double score = 0, maxScore = 0;
        for (var g = 0; g < groups; g++)
        {
            score += met[g];
            maxScore += could[g];
        }

        // Points are tenths; summing them in binary leaves a hair of noise (5.499999...) that the cut-offs must not see.
        result.Score = Math.Round(score, 9);
        result.MaxScore = Math.Round(maxScore, 9);
        result.Probability = criteria.Probability(result.Score, withBiopsy);
        result.Category = criteria.CategoryOf(result.Probability);

        // With no item unknown that could add points, the ceiling is the score itself.
        var sameCeiling = result.MaxScore == result.Score;
        result.MaxProbability = sameCeiling ? result.Probability : criteria.Probability(result.MaxScore, withBiopsy);
        result.MaxCategory = sameCeiling ? result.Category : criteria.CategoryOf(result.MaxProbability);
        DecideSubgroup(facts, result);
        result.Discordance = -1;
        for (var d = 0; d < criteria.Discordances.Count; d++)
        {
            if (criteria.Discordances[d].Matches(subtype, result.Category, result.Subgroup))
            {
                result.Discordance = d;
                break;
            }
        }
    }

    private void DecideSubgroup(FactSet facts, ClassificationDecisions result)
    {
        result.Leaf = -1;
        result.SubgroupNeeds = FieldMask.Zero;
        result.Subgroup = ClassificationSubgroup.NotReached;
        Array.Fill(result.LeafTruths, Truth.Unknown);

        // Categories run from the highest; the tree applies from SubgroupsFrom upwards.
        if (result.Category > criteria.SubgroupsFrom)
        {
            return;
        }

        leafTruths.Decide(facts.Raw, result.LeafTruths);
        var index = Array.IndexOf(result.LeafTruths, Truth.True);
        if (index >= 0)
        {
            result.Leaf = index;
            result.Subgroup = criteria.Subgroups[index].Subgroup;
            return;
        }

        // Only now the bookkeeping: which absent findings left the leaves undecided.
        var needs = FieldMask.Zero;
        leaves.DecideEach(facts, result.LeafTruths, ref needs);
        result.SubgroupNeeds = needs;
    }
}
