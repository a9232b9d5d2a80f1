namespace ImnmDecision.CdsHooks.Codes;

/// <summary>A medication recognised as a statin: its ingredient where known, and how it was recognised.</summary>
internal sealed record StatinMatch(string? Ingredient, string MatchedBy);
