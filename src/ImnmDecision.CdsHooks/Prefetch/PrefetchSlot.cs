using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>One prefetch key after resolution: its state and the resources it holds.</summary>
internal sealed record PrefetchSlot(PrefetchKey Key, PrefetchState State, IReadOnlyList<FhirEntry> Resources, string? Problem = null)
{
    /// <summary>Whether the data for this key could not be obtained (the guidance is then incomplete).</summary>
    public bool Failed => State is PrefetchState.EhrSearchFailed or PrefetchState.FetchFailed;

    /// <summary>Whether some data for this key arrived, or the search answered that there is none.</summary>
    public bool Answered => State is PrefetchState.Provided or PrefetchState.Empty or PrefetchState.Fetched;

    /// <summary>What was cut short (pages not reached), for the card; <c>null</c> when the data are complete.</summary>
    public string? Truncation { get; init; }

    /// <summary>How many resources could not be read and were skipped.</summary>
    public int Unreadable { get; init; }

    /// <summary>How many resources were read with some elements left out.</summary>
    public int Partial { get; init; }

    /// <summary>The <c>next</c> link of the last page read, when more pages exist.</summary>
    public string? Next { get; init; }
}
