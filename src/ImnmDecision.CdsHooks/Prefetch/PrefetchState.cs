namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>What is known about one prefetch key after resolution.</summary>
internal enum PrefetchState
{
    /// <summary>The EHR sent data.</summary>
    Provided,
    /// <summary>The EHR searched and found nothing (<c>null</c> or an empty Bundle).</summary>
    Empty,
    /// <summary>The EHR's search failed (it sent an OperationOutcome).</summary>
    EhrSearchFailed,
    /// <summary>Fetched from the EHR's FHIR server by this service (data or none).</summary>
    Fetched,
    /// <summary>Fetching from the FHIR server failed or ran out of time.</summary>
    FetchFailed,
    /// <summary>Not sent and no FHIR server to ask (optional keys only).</summary>
    NotProvided,
}
