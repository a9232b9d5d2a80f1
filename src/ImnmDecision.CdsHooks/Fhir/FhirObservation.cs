namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Observation, narrowed to what the mapping reads; every element may be absent.</summary>
internal sealed record FhirObservation
{
    public string? Id { get; init; }

    /// <summary>registered, preliminary, final, amended, corrected, cancelled, entered-in-error, unknown.</summary>
    public string? Status { get; init; }

    public FhirCodeableConcept? Code { get; init; }

    public FhirReference? Subject { get; init; }

    public string? EffectiveDateTime { get; init; }

    public FhirPeriod? EffectivePeriod { get; init; }

    public string? EffectiveInstant { get; init; }

    public string? Issued { get; init; }

    public FhirQuantity? ValueQuantity { get; init; }

    public FhirCodeableConcept? ValueCodeableConcept { get; init; }

    public string? ValueString { get; init; }

    public FhirCodeableConcept? DataAbsentReason { get; init; }

    public IReadOnlyList<FhirCodeableConcept>? Interpretation { get; init; }

    public IReadOnlyList<FhirReferenceRange>? ReferenceRange { get; init; }

    public IReadOnlyList<FhirObservationComponent>? Component { get; init; }

    /// <summary>When the result applies: effective time, else the end or start of the period, else when it was issued.</summary>
    public FhirDateTime? When =>
        FhirDateTime.Parse(EffectiveDateTime)
        ?? FhirDateTime.Parse(EffectiveInstant)
        ?? FhirDateTime.Parse(EffectivePeriod?.End)
        ?? FhirDateTime.Parse(EffectivePeriod?.Start)
        ?? FhirDateTime.Parse(Issued);
}
