using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// Scores a classification on a case's facts: every item decided in one compiled call (three-valued), the items
/// met summed (in decimal, so 5.5 is 5.5), the unknown ones added for the maximum, only the highest of a group of
/// alternatives counted; then the probabilities, categories, the subgroup leaf and the disagreement with the subtype.
/// </summary>
internal sealed class ClassificationScorer
{
    private readonly ClassificationCriteria criteria;
    private readonly KindDecisions items;
    private readonly KindDecisions leaves;
    private readonly KindDecisions biopsy;
    private readonly int[] groupOf;
    private readonly int groups;

    public ClassificationScorer(ClassificationCriteria criteria, bool compile = true)
    {
        this.criteria = criteria;
        items = new KindDecisions([.. criteria.Items.Select(i => i.When)], SlotMask.Empty, compile);
        leaves = new KindDecisions([.. criteria.Subgroups.Select(l => l.When)], SlotMask.Empty, compile);
        biopsy = new KindDecisions([criteria.BiopsyIncluded], SlotMask.Empty, compile);
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

    public void Score(FactSet facts, SubtypeCode subtype, ClassificationDecisions result)
    {
        var ignored = FieldMask.Zero;
        Span<Truth> included = stackalloc Truth[1];
        biopsy.DecideEach(facts, included, ref ignored);
        var withBiopsy = included[0] == Truth.True;
        result.BiopsyIncluded = withBiopsy;

        items.DecideEach(facts, result.ItemTruths, ref ignored);
        Span<decimal> met = stackalloc decimal[groups];
        Span<decimal> could = stackalloc decimal[groups];
        var truths = result.ItemTruths;
        for (var i = 0; i < truths.Length; i++)
        {
            if (criteria.Items[i].Points(withBiopsy) is not { } points || truths[i] == Truth.False)
            {
                continue;
            }

            var group = groupOf[i];
            could[group] = Math.Max(could[group], points);
            if (truths[i] == Truth.True)
            {
                met[group] = Math.Max(met[group], points);
            }
        }

        decimal score = 0, maxScore = 0;
        for (var g = 0; g < groups; g++)
        {
            score += met[g];
            maxScore += could[g];
        }

        result.Score = (double)score;
        result.MaxScore = (double)maxScore;
        result.Probability = criteria.Probability(result.Score, withBiopsy);
        result.MaxProbability = criteria.Probability(result.MaxScore, withBiopsy);
        result.Category = criteria.CategoryOf(result.Probability);
        result.MaxCategory = criteria.CategoryOf(result.MaxProbability);
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

        var needs = FieldMask.Zero;
        leaves.DecideEach(facts, result.LeafTruths, ref needs);
        var index = Array.IndexOf(result.LeafTruths, Truth.True);
        if (index >= 0)
        {
            result.Leaf = index;
            result.Subgroup = criteria.Subgroups[index].Subgroup;
        }
        else
        {
            result.SubgroupNeeds = needs;
        }
    }
}
