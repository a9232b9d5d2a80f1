namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 DiagnosticReport: a muscle biopsy's coded conclusion.</summary>
internal sealed record FhirDiagnosticReport
{
    public string? Id { get; init; }

    /// <summary>registered, partial, preliminary, final, amended, corrected, appended, cancelled, entered-in-error, unknown.</summary>
    public string? Status { get; init; }

    public FhirCodeableConcept? Code { get; init; }

    public FhirReference? Subject { get; init; }

    public string? EffectiveDateTime { get; init; }

    public FhirPeriod? EffectivePeriod { get; init; }

    public string? Issued { get; init; }

    public IReadOnlyList<FhirCodeableConcept>? ConclusionCode { get; init; }

    /// <summary>When the report applies.</summary>
    public FhirDateTime? When =>
        FhirDateTime.Parse(EffectiveDateTime)
        ?? FhirDateTime.Parse(EffectivePeriod?.End)
        ?? FhirDateTime.Parse(EffectivePeriod?.Start)
        ?? FhirDateTime.Parse(Issued);
}
