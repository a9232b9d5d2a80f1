using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>The answer of one read or search against the EHR's FHIR server, with every page that arrived.</summary>
internal sealed record FhirFetchResult
{
    /// <summary>The resources of every page that arrived.</summary>
    public required IReadOnlyList<FhirEntry> Entries { get; init; }

    /// <summary>How many pages were read.</summary>
    public int Pages { get; init; }

    /// <summary>Resources that could not be read.</summary>
    public int Unreadable { get; init; }

    /// <summary>Resources read with some elements left out.</summary>
    public int Partial { get; init; }

    /// <summary>Why nothing could be obtained, for the log only (never shown: the card says the server could not be used).</summary>
    public string? Failure { get; init; }

    /// <summary>What was cut short after the first page, for the card.</summary>
    public string? Truncation { get; init; }

    public bool Succeeded => Failure is null;
}
