namespace ImnmDecision.CdsHooks.Cards;

/// <summary>The source of a card: who says this, from which ruleset.</summary>
internal sealed record CdsCardSource
{
    /// <summary>Short label, with the ruleset version.</summary>
    public required string Label { get; init; }

    /// <summary>An absolute URL about the service; omitted when not configured.</summary>
    public string? Url { get; init; }

    /// <summary>What the card is about, for filtering in the EHR.</summary>
    public CdsCoding? Topic { get; init; }
}
