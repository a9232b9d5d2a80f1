namespace ImnmDecision.CdsHooks.Cards;

/// <summary>The answer to a hook call: <c>{"cards":[...]}</c>, an empty list when there is nothing to say.</summary>
internal sealed record CdsResponse(IReadOnlyList<CdsCard> Cards)
{
    /// <summary>Nothing to say.</summary>
    public static CdsResponse Empty { get; } = new([]);
}
