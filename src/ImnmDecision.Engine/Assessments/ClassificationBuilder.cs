using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Classification;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>Turns a case's classification decisions into the answer's <see cref="ClassificationResult"/>, citing every part.</summary>
internal static class ClassificationBuilder
{
    /// <summary>Each item's result by scheme (with or without the biopsy) and status.</summary>
    private static readonly ConditionalWeakTable<ClassificationItem, ClassificationItemResult?[]> Results = new();

    /// <summary>The label of a subgroup that is not reached because the tree needs findings that are absent.</summary>
    public const string TreeNeedsFindings = "Not reached: the classification tree needs findings that are not known (see needs).";

    public static ClassificationResult Build(ClassificationDecisions decisions, CitationCollector cited)
    {
        var criteria = decisions.Criteria;
        var withBiopsy = decisions.BiopsyIncluded;
        var items = new List<ClassificationItemResult>(criteria.Items.Count);
        for (var i = 0; i < criteria.Items.Count; i++)
        {
            var item = criteria.Items[i];
            if (item.Points(withBiopsy) is not { } points)
            {
                continue;
            }

            // The same for every case with the same status: made once per item, scheme and status.
            var status = StatusOf(decisions.ItemTruths[i]);
            var itemCitations = cited.Add(item.Citations);
            var made = Results.GetValue(item, static _ => new ClassificationItemResult?[6]);
            var slot = ((int)status * 2) + (withBiopsy ? 1 : 0);
            made[slot] ??= new ClassificationItemResult
            {
                Id = item.Id,
                Label = item.Label,
                Points = (double)points,
                Status = status,
                Findings = [.. item.FactsRead.Select(f => f.Name)],
                Citations = itemCitations,
            };
            items.Add(made[slot]!);
        }

        var subgroup = BuildSubgroup(decisions, cited);
        string? comparison = null;
        var citations = new List<string>(criteria.Citations);
        if (decisions.Discordance >= 0)
        {
            var discordance = criteria.Discordances[decisions.Discordance];
            comparison = discordance.Statement.Replace("{subgroup}", subgroup.Label, StringComparison.Ordinal);
            citations.AddRange(discordance.Citations);
        }

        return new ClassificationResult
        {
            BiopsyIncluded = withBiopsy,
            Score = Rounded(decisions.Score, 2),
            Probability = Rounded(decisions.Probability, 4),
            Category = decisions.Category,
            MaxScore = Rounded(decisions.MaxScore, 2),
            MaxProbability = Rounded(decisions.MaxProbability, 4),
            MaxCategory = decisions.MaxCategory,
            Subgroup = subgroup,
            Items = items,
            Comparison = comparison,
            Citations = cited.AddDistinct(citations),
        };
    }

    /// <summary>A probability or score as the answer shows it (the batch writers round the same way).</summary>
    public static double Rounded(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    public static ClassificationItemStatus StatusOf(Truth truth) => truth switch
    {
        Truth.True => ClassificationItemStatus.Met,
        Truth.False => ClassificationItemStatus.NotMet,
        _ => ClassificationItemStatus.Unknown,
    };

    private static ClassificationSubgroupResult BuildSubgroup(ClassificationDecisions decisions, CitationCollector cited)
    {
        var criteria = decisions.Criteria;
        if (decisions.Leaf >= 0)
        {
            var leaf = criteria.Subgroups[decisions.Leaf];
            return new ClassificationSubgroupResult { Code = leaf.Subgroup, Label = leaf.Label, Citations = cited.Add(leaf.Citations) };
        }

        return decisions.Category > criteria.SubgroupsFrom
            ? new ClassificationSubgroupResult { Code = ClassificationSubgroup.NotReached, Label = criteria.BelowCutOff, Citations = cited.Add(criteria.Citations) }
            : new ClassificationSubgroupResult
            {
                Code = ClassificationSubgroup.NotReached,
                Label = TreeNeedsFindings,
                Needs = [.. InputField.PathsOf(decisions.SubgroupNeeds)],
                Citations = cited.Add(criteria.Citations),
            };
    }
}
