namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Observation.referenceRange.</summary>
internal sealed record FhirReferenceRange
{
    public FhirQuantity? Low { get; init; }

    public FhirQuantity? High { get; init; }

    /// <summary>What the range means (normal, recommended, treatment...).</summary>
    public FhirCodeableConcept? Type { get; init; }

    public IReadOnlyList<FhirCodeableConcept>? AppliesTo { get; init; }

    public string? Text { get; init; }
}
