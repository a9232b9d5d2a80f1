namespace ImnmDecision.Api.Contracts;

/// <summary>The answer of a health probe.</summary>
internal sealed record HealthStatus
{
    /// <summary><c>live</c> or <c>ready</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The loaded ruleset (<c>id@version+sha</c>), when one is loaded.</summary>
    public string? RulesetVersion { get; init; }
}
