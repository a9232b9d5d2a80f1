namespace ImnmDecision.CdsHooks.Cards;

/// <summary>
/// A CDS Hooks 2.0 card. Optional fields without a value are omitted (never null, never an empty list), as the
/// specification requires.
/// </summary>
internal sealed record CdsCard
{
    /// <summary>Identifies the card in feedback.</summary>
    public required string Uuid { get; init; }

    /// <summary>One sentence, under 140 characters.</summary>
    public required string Summary { get; init; }

    /// <summary>GitHub-flavoured markdown.</summary>
    public string? Detail { get; init; }

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public required string Indicator { get; init; }

    public required CdsCardSource Source { get; init; }

    public IReadOnlyList<CdsSuggestion>? Suggestions { get; init; }

    /// <summary>Required when there are suggestions.</summary>
    public string? SelectionBehavior { get; init; }

    public IReadOnlyList<CdsCoding>? OverrideReasons { get; init; }
}
