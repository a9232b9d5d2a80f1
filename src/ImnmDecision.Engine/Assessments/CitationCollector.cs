namespace ImnmDecision.Engine.Assessments;

/// <summary>The citation ids an answer uses, each once, in the order first used.</summary>
internal sealed class CitationCollector
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    public List<string> Ids { get; } = [];

    /// <summary>Records ids and returns them as a list (for the item that cites them).</summary>
    public List<string> Add(IEnumerable<string> ids)
    {
        var list = new List<string>(ids);
        foreach (var id in list)
        {
            if (seen.Add(id))
            {
                Ids.Add(id);
            }
        }

        return list;
    }
}
