namespace ImnmDecision.Engine.Rules;

/// <summary>One defect in a ruleset: the file, the JSON path inside it, and what is wrong.</summary>
public sealed record RulesetError(string File, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Path}: {Message}";
}
