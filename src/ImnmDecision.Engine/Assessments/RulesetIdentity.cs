namespace ImnmDecision.Engine.Assessments;

/// <summary>Which ruleset produced an answer.</summary>
public sealed record RulesetIdentity
{
    /// <summary>Ruleset id, for example <c>imnm-core</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Ruleset version.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 (lowercase hex) over the ruleset's files.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The value of the <c>X-Ruleset-Version</c> header: <c>id@version+first 12 hex of sha256</c>.</summary>
    public string Tag => $"{Id}@{Version}+{Sha256[..12]}";
}
