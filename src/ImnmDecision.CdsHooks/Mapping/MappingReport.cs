namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>Collects the evidence and notes while mapping.</summary>
internal sealed class MappingReport
{
    public List<string> Evidence { get; } = [];

    public List<string> Notes { get; } = [];

    public void Used(string line) => Evidence.Add(line);

    public void Note(string line)
    {
        if (!Notes.Contains(line, StringComparer.Ordinal))
        {
            Notes.Add(line);
        }
    }
}
