namespace ImnmDecision.Store;

/// <summary>A card a CDS service answered with: the denominator of the feedback summary.</summary>
/// <param name="CardId">The card's uuid.</param>
/// <param name="ServiceId">The CDS service.</param>
/// <param name="Kind">
/// Which card the service sent: its topic code (<c>imnm-assessment</c>, <c>imnm-red-flag</c>,
/// <c>imnm-statin-order</c>, <c>imnm-guidance-incomplete</c>); rows written before store version 2 hold the
/// indicator instead.
/// </param>
/// <param name="RulesetTag">The ruleset that produced it.</param>
/// <param name="At">When it was sent.</param>
public sealed record ShownCard(string CardId, string ServiceId, string Kind, string RulesetTag, DateTimeOffset At);
