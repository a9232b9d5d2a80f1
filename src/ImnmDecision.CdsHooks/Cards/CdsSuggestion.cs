namespace ImnmDecision.CdsHooks.Cards;

/// <summary>A suggestion the clinician can accept with one click.</summary>
internal sealed record CdsSuggestion
{
    public required string Label { get; init; }

    /// <summary>Identifies the suggestion in feedback.</summary>
    public required string Uuid { get; init; }

    public bool? IsRecommended { get; init; }

    public IReadOnlyList<CdsAction>? Actions { get; init; }
}
