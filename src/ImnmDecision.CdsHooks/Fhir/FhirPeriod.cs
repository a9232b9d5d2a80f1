namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Period.</summary>
internal sealed record FhirPeriod
{
    public string? Start { get; init; }

    public string? End { get; init; }
}
