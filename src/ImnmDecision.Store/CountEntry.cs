namespace ImnmDecision.Store;

/// <summary>A key and how often it occurred.</summary>
/// <param name="Key">The key (a door, subtype code, ruleset tag, day or reason code).</param>
/// <param name="Count">How often.</param>
public sealed record CountEntry(string Key, long Count);
