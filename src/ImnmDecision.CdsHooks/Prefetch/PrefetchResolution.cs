namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>The outcome of resolving a service's prefetch keys.</summary>
internal sealed record PrefetchResolution
{
    /// <summary>Every key of the service, resolved.</summary>
    public required IReadOnlyDictionary<string, PrefetchSlot> Slots { get; init; }

    /// <summary>Required keys that are missing with no FHIR server to fetch them from: the answer is 412.</summary>
    public required IReadOnlyList<string> MissingRequired { get; init; }

    /// <summary>
    /// Required keys the FHIR server was asked for and could not supply, when nothing at all was obtained (no
    /// prefetch data and no server answer): the answer is 412 as well.
    /// </summary>
    public IReadOnlyList<string> Unobtainable { get; init; } = [];

    /// <summary>How many keys were fetched from the FHIR server (successfully or not).</summary>
    public int FetchAttempts { get; init; }

    public int Count(PrefetchState state) => Slots.Values.Count(s => s.State == state);
}
