using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Contracts;

/// <summary>The ruleset this server answers with: identity, contents and the named parameters (thresholds, doses).</summary>
internal sealed record RulesetInfo
{
    /// <summary>Ruleset id, for example <c>imnm-core</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Ruleset version.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 (lowercase hex) over the ruleset's files: its identity.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The value of the <c>X-Ruleset-Version</c> header: <c>id@version+first 12 hex of sha256</c>.</summary>
    public required string Tag { get; init; }

    /// <summary>A title for people.</summary>
    public required string Title { get; init; }

    /// <summary>Number of rules.</summary>
    public required int RuleCount { get; init; }

    /// <summary>Number of rules of each kind (<c>subtype</c>, <c>certainty</c>, <c>alert</c>, <c>treatment</c>, <c>workup</c>).</summary>
    public required IReadOnlyDictionary<string, int> RuleCountByKind { get; init; }

    /// <summary>Number of citations in the catalogue.</summary>
    public required int CitationCount { get; init; }

    /// <summary>The ruleset's files, relative to the rules folder, in load order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>When this server loaded it.</summary>
    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>The disclaimer every answer carries.</summary>
    public required string Disclaimer { get; init; }

    /// <summary>Named thresholds and dose figures, each with its unit, rationale and citations.</summary>
    public required IReadOnlyList<Parameter> Parameters { get; init; }
}
