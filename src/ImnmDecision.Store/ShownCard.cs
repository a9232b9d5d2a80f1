namespace ImnmDecision.Store;

/// <summary>A card a CDS service answered with: the denominator of the feedback summary.</summary>
/// <param name="CardId">The card's uuid.</param>
/// <param name="ServiceId">The CDS service.</param>
/// <param name="Kind">The card's kind (its indicator: info, warning, critical).</param>
/// <param name="RulesetTag">The ruleset that produced it.</param>
/// <param name="At">When it was sent.</param>
public sealed record ShownCard(string CardId, string ServiceId, string Kind, string RulesetTag, DateTimeOffset At);
