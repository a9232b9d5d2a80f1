namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// What the parts of one load share: the rules folder, every defect found so far, and the catalogues read
/// before the rules (citations, parameters, named conditions, risk stratifications), which the rules refer to by name.
/// </summary>
internal sealed class LoadContext(string folder)
{
    public string Folder { get; } = folder;

    public List<RulesetError> Errors { get; } = [];

    public Dictionary<string, Citation> Citations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Parameter> Parameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, NamedCondition> Conditions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Stratification> Stratifications { get; } = new(StringComparer.Ordinal);

    /// <summary>Stratifications that were defined with defects (already reported), so rules naming them add no second error.</summary>
    public HashSet<string> DefectiveStratifications { get; } = new(StringComparer.Ordinal);
}
