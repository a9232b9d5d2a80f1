namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>Data the service asked for and did not get.</summary>
/// <param name="What">What it would have held ("CK results").</param>
/// <param name="Reason">Why it is missing, without patient data.</param>
/// <param name="Failed">True when a search or fetch failed (the guidance is incomplete); false when simply not provided.</param>
internal sealed record DataGap(string What, string Reason, bool Failed);
