namespace ImnmDecision.Engine.Assessments;

/// <summary>The citation ids an answer uses, each once, in the order first used.</summary>
/// <param name="capacity">How many ids an answer may cite at most (the ruleset's citations), so the sets never grow.</param>
internal sealed class CitationCollector(int capacity)
{
    private readonly HashSet<string> seen = new(capacity, StringComparer.Ordinal);

    public List<string> Ids { get; } = new(capacity);

    /// <summary>Records ids and returns them as a list (for the item that cites them).</summary>
    public IReadOnlyList<string> Add(IEnumerable<string> ids) => Add((IReadOnlyList<string>)[.. ids]);

    /// <summary>Records a ruleset's list of ids and returns it (the item shares the ruleset's list; nobody changes either).</summary>
    public IReadOnlyList<string> Add(IReadOnlyList<string> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var id = list[i];
            if (seen.Add(id))
            {
                Ids.Add(id);
            }
        }

        return list;
    }

    /// <summary>Records ids, each once, and returns them without repeats (the list itself when it has none).</summary>
    public IReadOnlyList<string> AddDistinct(IReadOnlyList<string> ids)
    {
        if (ids.Count > 16)
        {
            return Add(ids.Distinct(StringComparer.Ordinal));
        }

        for (var i = 1; i < ids.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(ids[i], ids[j], StringComparison.Ordinal))
                {
                    return Add(ids.Distinct(StringComparer.Ordinal));
                }
            }
        }

        return Add(ids);
    }
}
