using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Tests.Properties;

/// <summary>What probing one case found.</summary>
internal sealed class CaseProbe(string label, HashSet<string> listed)
{
    public string Label { get; } = label;

    public HashSet<string> Listed { get; } = listed;

    public HashSet<string> Probed { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Changing { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DetailOnly { get; } = new(StringComparer.Ordinal);

    public HashSet<string> NotEvenInPairs { get; } = new(StringComparer.Ordinal);

    /// <summary>Each single filling: the field, its raw value, the key it is listed under, and the parts of the answer it gave.</summary>
    public List<(FindingField Field, double Raw, string Key, HashSet<string> Parts)> Singles { get; } = [];

    public List<string> Omissions { get; } = [];

    public int Assessed { get; set; }

    public int Changed { get; set; }
}
