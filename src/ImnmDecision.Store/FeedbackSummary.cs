namespace ImnmDecision.Store;

/// <summary>The feedback summary over a date range (and optionally one ruleset).</summary>
public sealed record FeedbackSummary
{
    /// <summary>Start of the range (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the range (exclusive).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>The ruleset tag the summary is limited to, if any.</summary>
    public string? RulesetTag { get; init; }

    /// <summary>One group per service, card kind and ruleset.</summary>
    public required IReadOnlyList<FeedbackGroup> Groups { get; init; }
}
