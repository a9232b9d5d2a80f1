namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Coding (only the elements read here).</summary>
internal sealed record FhirCoding
{
    public string? System { get; init; }

    public string? Code { get; init; }

    public string? Display { get; init; }
}
