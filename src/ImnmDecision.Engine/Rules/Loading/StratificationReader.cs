namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// Reads <c>rules/stratifications.json</c> (optional): risk stratifications that workup rules attach to their
/// item by id. Checks that ids are unique, factors name a tier, every category but the last has requirements
/// (minimum counts per tier) and the last has none, and that conditions, texts and citations are valid.
/// </summary>
internal sealed class StratificationReader(LoadContext context, CatalogueReader catalogue, ConditionReader conditions, ActionReader actions)
{
    public void Read(JsonCursor root)
    {
        if (!root.IsObject("$schema", "stratifications") || root.Property("stratifications") is not { } list)
        {
            return;
        }

        foreach (var item in list.Items())
        {
            if (ReadOne(item) is { } stratification && !context.Stratifications.TryAdd(stratification.Id, stratification))
            {
                item.Error($"duplicate stratification id '{stratification.Id}'");
            }
        }
    }

    private Stratification? ReadOne(JsonCursor item)
    {
        if (!item.IsObject("id", "title", "description", "tiers", "factors", "categories", "cautions", "citations"))
        {
            return null;
        }

        var errors = context.Errors.Count;
        var id = item.String("id");
        var title = item.String("title");
        var description = catalogue.Text(item, "description");
        var tiers = ReadTiers(item.Property("tiers"));
        // A tier listed twice is reported by ReadTiers; the first one is indexed, so the rest of the checks still run.
        var tierIndex = tiers.Select((t, i) => (t.Id, i)).DistinctBy(p => p.Id, StringComparer.Ordinal).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var factors = item.Property("factors") is { } f ? f.Items().Select(x => ReadFactor(x, tierIndex)).OfType<RiskFactor>().ToList() : [];
        var categories = item.Property("categories") is { } c ? ReadCategories(c, tierIndex) : [];
        var cautions = item.Property("cautions", required: false) is { } k ? k.Items().Select(actions.ReadCaution).OfType<Caution>().ToList() : [];
        var cited = catalogue.ReadCitationIds(item);
        Unique(item, "factors", factors.Select(x => x.Id));
        Unique(item, "categories", categories.Select(x => x.Id));
        if (context.Errors.Count > errors || id is null || title is null || description is null)
        {
            if (id is not null)
            {
                context.DefectiveStratifications.Add(id);
            }

            return null;
        }

        return new Stratification
        {
            Id = id,
            Title = title,
            Description = description,
            Tiers = tiers,
            Factors = factors,
            Categories = categories,
            Cautions = cautions,
            Citations = cited,
        };
    }

    private static List<RiskTier> ReadTiers(JsonCursor? list)
    {
        var tiers = new List<RiskTier>();
        foreach (var item in list?.Items() ?? [])
        {
            if (item.IsObject("id", "label") && item.String("id") is { } id && item.String("label") is { } label)
            {
                tiers.Add(new RiskTier { Id = id, Label = label });
            }
        }

        if (list is { } l)
        {
            Unique(l, "tiers", tiers.Select(t => t.Id));
        }

        return tiers;
    }

    private RiskFactor? ReadFactor(JsonCursor item, Dictionary<string, int> tiers)
    {
        if (!item.IsObject("id", "label", "tier", "when", "excludedWhen", "citations"))
        {
            return null;
        }

        if (item.Has("when") && item.Has("excludedWhen"))
        {
            item.Error("a factor has 'when' (the findings record it) or 'excludedWhen' (they can only rule it out), not both");
            return null;
        }

        var id = item.String("id");
        var label = catalogue.Text(item, "label");
        var tier = TierOf(item, "tier", tiers);
        var when = item.Property("when", required: false) is { } w ? conditions.Read(w) : null;
        var excluded = item.Property("excludedWhen", required: false) is { } x ? conditions.Read(x) : null;
        var cited = catalogue.ReadCitationIds(item);
        return id is null || label is null || tier is null || (item.Has("when") && when is null) || (item.Has("excludedWhen") && excluded is null)
            ? null
            : new RiskFactor { Id = id, Label = label, Tier = tier.Value, When = when, ExcludedWhen = excluded, Citations = cited };
    }

    private List<RiskCategory> ReadCategories(JsonCursor list, Dictionary<string, int> tiers)
    {
        var categories = new List<RiskCategory>();
        var items = list.Items().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!item.IsObject("id", "reason", "requirements", "schedule"))
            {
                continue;
            }

            var last = i == items.Count - 1;
            if (last == item.Has("requirements"))
            {
                item.Error(last
                    ? "the last category must have no 'requirements': it holds when no category above it does"
                    : "every category but the last needs 'requirements' (minimum counts of factors per tier)");
                continue;
            }

            var requirements = item.Property("requirements", required: false) is { } r ? ReadRequirements(r, tiers) : [];
            var schedule = item.Property("schedule") is { } s ? s.Items().Select(ReadStep).OfType<ScheduleStep>().ToList() : [];
            if (item.String("id") is { } id && catalogue.Text(item, "reason") is { } reason)
            {
                categories.Add(new RiskCategory { Id = id, Reason = reason, Requirements = requirements, Schedule = schedule });
            }
        }

        return categories;
    }

    private static List<IReadOnlyList<int>> ReadRequirements(JsonCursor list, Dictionary<string, int> tiers)
    {
        var alternatives = new List<IReadOnlyList<int>>();
        foreach (var item in list.Items())
        {
            var counts = new int[tiers.Count];
            foreach (var (name, value) in item.Members())
            {
                if (!tiers.TryGetValue(name, out var tier))
                {
                    value.Error($"unknown tier '{name}' (allowed: {string.Join(", ", tiers.Keys)})");
                    continue;
                }

                var count = value.AsNumber();
                if (count is >= 1 and <= 1000 && count == Math.Floor(count.Value))
                {
                    counts[tier] = (int)count.Value;
                }
                else if (count is not null)
                {
                    value.Error("a minimum count must be a whole number from 1 to 1000");
                }
            }

            alternatives.Add(counts);
        }

        if (alternatives.Count == 0)
        {
            list.Error("at least one requirement is needed");
        }

        return alternatives;
    }

    private ScheduleStep? ReadStep(JsonCursor item) =>
        item.IsObject("id", "text") && item.String("id") is { } id && catalogue.Text(item, "text") is { } text
            ? new ScheduleStep { Id = id, Text = text }
            : null;

    private static int? TierOf(JsonCursor owner, string name, Dictionary<string, int> tiers)
    {
        if (owner.String(name) is not { } id)
        {
            return null;
        }

        if (tiers.TryGetValue(id, out var tier))
        {
            return tier;
        }

        owner.Property(name)!.Value.Error($"unknown tier '{id}' (allowed: {string.Join(", ", tiers.Keys)})");
        return null;
    }

    private static void Unique(JsonCursor owner, string what, IEnumerable<string> ids)
    {
        foreach (var duplicate in ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            owner.Error($"duplicate id '{duplicate.Key}' in {what}");
        }
    }
}
