namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Medication, for orders that reference one instead of coding the drug inline.</summary>
internal sealed record FhirMedication
{
    public string? Id { get; init; }

    public FhirCodeableConcept? Code { get; init; }
}
