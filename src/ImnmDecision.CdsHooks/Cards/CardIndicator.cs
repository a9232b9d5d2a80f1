namespace ImnmDecision.CdsHooks.Cards;

/// <summary>The card indicators of CDS Hooks, in increasing urgency.</summary>
internal static class CardIndicator
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
}
