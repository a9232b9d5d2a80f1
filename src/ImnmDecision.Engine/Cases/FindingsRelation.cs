namespace ImnmDecision.Engine.Cases;

/// <summary>
/// A check that involves two fields: the path its error is keyed by, its message (a fixed text that never repeats
/// a value), the fields it reads, and whether a case's values pass it.
/// </summary>
internal sealed record FindingsRelation(string Path, string Message, string Reads, string? AlsoReads, Func<FindingValues, bool> Holds);
