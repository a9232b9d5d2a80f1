namespace ImnmDecision.CdsHooks.Cards;

/// <summary>A CDS Hooks Coding (card topic, override reason).</summary>
internal sealed record CdsCoding
{
    public string? System { get; init; }

    public required string Code { get; init; }

    /// <summary>Required for override reasons.</summary>
    public string? Display { get; init; }
}
