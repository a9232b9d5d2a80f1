namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Observation.component (panels report antibodies this way).</summary>
internal sealed record FhirObservationComponent
{
    public FhirCodeableConcept? Code { get; init; }

    public FhirQuantity? ValueQuantity { get; init; }

    public FhirCodeableConcept? ValueCodeableConcept { get; init; }

    public string? ValueString { get; init; }

    public FhirCodeableConcept? DataAbsentReason { get; init; }

    public IReadOnlyList<FhirCodeableConcept>? Interpretation { get; init; }

    public IReadOnlyList<FhirReferenceRange>? ReferenceRange { get; init; }
}
