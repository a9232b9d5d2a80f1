namespace ImnmDecision.Store;

/// <summary>Feedback for one service, card kind and ruleset: how many cards were shown, accepted, overridden, and why.</summary>
public sealed record FeedbackGroup
{
    /// <summary>The CDS service.</summary>
    public required string ServiceId { get; init; }

    /// <summary>
    /// The kind of card (its topic code: <c>imnm-assessment</c>, <c>imnm-red-flag</c>, <c>imnm-statin-order</c>,
    /// <c>imnm-guidance-incomplete</c>); <c>unknown</c> for feedback on a card this store never saw.
    /// </summary>
    public required string CardKind { get; init; }

    /// <summary>The ruleset tag that produced the cards, if known.</summary>
    public string? RulesetTag { get; init; }

    /// <summary>Cards shown.</summary>
    public long Shown { get; init; }

    /// <summary>Cards accepted.</summary>
    public long Accepted { get; init; }

    /// <summary>Cards overridden.</summary>
    public long Overridden { get; init; }

    /// <summary>The most frequent override reason codes, most frequent first (at most five).</summary>
    public IReadOnlyList<CountEntry> TopOverrideReasons { get; init; } = [];
}
