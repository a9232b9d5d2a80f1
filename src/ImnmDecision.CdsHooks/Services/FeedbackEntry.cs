namespace ImnmDecision.CdsHooks.Services;

/// <summary>One feedback item, as logged: ids and codes only (the user's comment is never kept).</summary>
internal sealed record FeedbackEntry(
    string Card,
    string Outcome,
    DateTimeOffset OutcomeTimestamp,
    IReadOnlyList<string> AcceptedSuggestions,
    string? ReasonSystem,
    string? ReasonCode,
    bool HasUserComment)
{
    /// <summary>What makes two deliveries of the same feedback the same (for idempotency).</summary>
    public string Key(string serviceId) => string.Join(
        '\n', serviceId, Card, Outcome, OutcomeTimestamp.ToUnixTimeMilliseconds(), ReasonSystem, ReasonCode, string.Join(',', AcceptedSuggestions));
}
