using System.Globalization;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Classification;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// Reads a classification file (<c>classification.json</c>): its named conditions, when biopsy data are included,
/// the model's constants, the category cut-offs, the items (conditions in the rule language with points), the
/// subgroup tree and the disagreements with the subtype. Every part is checked like a rule: known properties,
/// facts and operators, citations, rationales; items read only findings (never what the rules decide).
/// </summary>
internal sealed class ClassificationReader(CatalogueReader catalogue, ConditionReader conditions)
{
    public ClassificationCriteria? Read(JsonCursor root)
    {
        if (!root.IsObject("$schema", "id", "title", "citations", "conditions", "biopsyIncluded", "probability", "categories", "items", "subgroups", "discordance"))
        {
            return null;
        }

        var id = root.String("id");
        var title = root.String("title");
        var cited = catalogue.ReadCitationIds(root);
        conditions.ReadNamedConditions(root.Property("conditions", required: false));
        Condition? biopsy = null;
        if (root.Property("biopsyIncluded") is { } b && b.IsObject("when", "rationale", "citations"))
        {
            biopsy = ReadWhen(b);
            _ = catalogue.ReadCitationIds(b);
        }

        var probability = root.Property("probability");
        double? without = null, with = null;
        if (probability is { } p && p.IsObject("withoutBiopsy", "withBiopsy", "rationale", "citations"))
        {
            without = p.Number("withoutBiopsy");
            with = p.Number("withBiopsy");
            _ = catalogue.Rationale(p);
            _ = catalogue.ReadCitationIds(p);
        }

        var (cutOffs, from, below) = root.Property("categories") is { } c ? ReadCategories(c) : ([], null, null);
        var items = root.Property("items") is { } i ? ReadItems(i) : [];
        var leaves = root.Property("subgroups") is { } s ? s.Items().Select(ReadLeaf).ToList() : [];
        var discordances = root.Property("discordance") is { } d ? d.Items().Select(ReadDiscordance).ToList() : [];
        if (id is null || title is null || cited.Count == 0 || biopsy is null || without is null || with is null || cutOffs.Count == 0
            || from is null || below is null || items.Any(x => x is null) || leaves.Any(x => x is null) || discordances.Any(x => x is null))
        {
            return null;
        }

        return new ClassificationCriteria
        {
            Id = id,
            Title = title,
            Citations = cited,
            BiopsyIncluded = biopsy,
            ConstantWithoutBiopsy = without.Value,
            ConstantWithBiopsy = with.Value,
            Categories = cutOffs,
            SubgroupsFrom = from.Value,
            BelowCutOff = below,
            Items = items!,
            Subgroups = leaves!,
            Discordances = discordances!,
        };
    }

    private Condition? ReadWhen(JsonCursor owner)
    {
        var when = owner.Property("when") is { } w ? conditions.Read(w) : null;
        var rationale = catalogue.Rationale(owner);
        if (when is null || rationale is null)
        {
            return null;
        }

        var facts = new List<FactDefinition>();
        when.CollectFacts(facts);
        foreach (var late in facts.Where(f => f.Phase != FactPhase.Findings))
        {
            owner.Property("when")!.Value.Error($"'{late.Name}' is decided by the rules; a classification reads findings only");
            return null;
        }

        return when;
    }

    private (List<CategoryCutOff> CutOffs, ClassificationCategory? From, string? Below) ReadCategories(JsonCursor owner)
    {
        if (!owner.IsObject("cutOffs", "subgroupsFrom", "belowCutOff", "rationale", "citations") || owner.Property("cutOffs") is not { } list)
        {
            return ([], null, null);
        }

        var cutOffs = new List<CategoryCutOff>();
        foreach (var item in list.Items())
        {
            if (item.IsObject("category", "minProbability") && ActionReader.Parse<ClassificationCategory>(item, "category") is { } category && item.Number("minProbability") is { } min)
            {
                if (min is < 0 or > 1 || (cutOffs.Count > 0 && min >= cutOffs[^1].MinProbability))
                {
                    item.Error("minProbability must be between 0 and 1 and below the one before it (cut-offs run from the highest)");
                }

                cutOffs.Add(new CategoryCutOff(category, min));
            }
        }

        var missing = Enum.GetValues<ClassificationCategory>().Where(v => cutOffs.Count(c => c.Category == v) != 1).ToList();
        if (missing.Count > 0 || (cutOffs.Count > 0 && cutOffs[^1].MinProbability != 0))
        {
            list.Error($"every category needs exactly one cut-off and the last must be 0 (check: {string.Join(", ", missing.Select(m => JsonNames.Name(m)))})");
        }

        var from = ActionReader.Parse<ClassificationCategory>(owner, "subgroupsFrom");
        var below = catalogue.Text(owner, "belowCutOff");
        _ = catalogue.Rationale(owner);
        _ = catalogue.ReadCitationIds(owner);
        return (cutOffs, from, below);
    }

    private List<ClassificationItem?> ReadItems(JsonCursor list)
    {
        var items = list.Items().Select(ReadItem).ToList();
        foreach (var duplicate in items.OfType<ClassificationItem>().GroupBy(x => x.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            list.Error($"duplicate item id '{duplicate.Key}'");
        }

        return items;
    }

    private ClassificationItem? ReadItem(JsonCursor item)
    {
        if (!item.IsObject("id", "label", "group", "points", "when", "rationale", "citations"))
        {
            return null;
        }

        var id = item.String("id");
        var label = item.String("label");
        var group = item.String("group", required: false);
        decimal? without = null, with = null;
        if (item.Property("points") is { } points && points.IsObject("withoutBiopsy", "withBiopsy"))
        {
            without = Points(points, "withoutBiopsy");
            with = Points(points, "withBiopsy");
            if (without is null && with is null)
            {
                points.Error("an item needs points without biopsy data, with them, or both");
            }
        }

        var when = ReadWhen(item);
        var cited = catalogue.ReadCitationIds(item);
        if (id is null || label is null || when is null || (without is null && with is null) || cited.Count == 0)
        {
            return null;
        }

        var facts = new List<FactDefinition>();
        when.CollectFacts(facts);
        return new ClassificationItem
        {
            Id = id,
            Label = label,
            Group = group,
            PointsWithoutBiopsy = without,
            PointsWithBiopsy = with,
            When = when,
            Rationale = catalogue.Rationale(item)!,
            Citations = cited,
            FactsRead = facts,
        };
    }

    private static decimal? Points(JsonCursor points, string name)
    {
        if (points.Number(name, required: false) is not { } value)
        {
            return null;
        }

        if (value <= 0)
        {
            points.Property(name)!.Value.Error("points must be above 0");
            return null;
        }

        if (!decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            points.Property(name)!.Value.Error("points must fit a decimal number (at most 7.9e28)");
            return null;
        }

        return parsed;
    }

    private SubgroupLeaf? ReadLeaf(JsonCursor leaf)
    {
        if (!leaf.IsObject("subgroup", "label", "when", "rationale", "citations"))
        {
            return null;
        }

        var subgroup = ActionReader.Parse<ClassificationSubgroup>(leaf, "subgroup");
        var label = leaf.String("label");
        var when = ReadWhen(leaf);
        var cited = catalogue.ReadCitationIds(leaf);
        return subgroup is null || label is null || when is null || cited.Count == 0
            ? null
            : new SubgroupLeaf { Subgroup = subgroup.Value, Label = label, When = when, Rationale = catalogue.Rationale(leaf)!, Citations = cited };
    }

    private Discordance? ReadDiscordance(JsonCursor item)
    {
        if (!item.IsObject("subtypes", "categories", "subgroups", "statement", "citations"))
        {
            return null;
        }

        var subtypes = Set<SubtypeCode>(item, "subtypes", required: true);
        var categories = Set<ClassificationCategory>(item, "categories", required: false);
        var subgroups = Set<ClassificationSubgroup>(item, "subgroups", required: false);
        var statement = item.String("statement"); // {subgroup} is filled in per case, so no parameter placeholders here
        var cited = catalogue.ReadCitationIds(item);
        return subtypes is null || categories is null || subgroups is null || statement is null || cited.Count == 0
            ? null
            : new Discordance { Subtypes = subtypes, Categories = categories, Subgroups = subgroups, Statement = statement, Citations = cited };
    }

    /// <summary>A list of enum names as a set; null (with the defect recorded) when a name is unknown or a required list is empty.</summary>
    private static HashSet<TEnum>? Set<TEnum>(JsonCursor owner, string name, bool required)
        where TEnum : struct, Enum
    {
        var set = new HashSet<TEnum>();
        foreach (var text in owner.Strings(name, required))
        {
            if (!JsonNames.TryParse<TEnum>(text, out var value))
            {
                owner.Property(name)!.Value.Error($"unknown value '{text}' (allowed: {string.Join(", ", JsonNames.Names<TEnum>())})");
                return null;
            }

            set.Add(value);
        }

        if (required && set.Count == 0)
        {
            owner.Error($"'{name}' needs at least one value");
            return null;
        }

        return set;
    }
}
