namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Patient: only gender and birth date are read.</summary>
internal sealed record FhirPatient
{
    public string? Id { get; init; }

    /// <summary>male, female, other, unknown.</summary>
    public string? Gender { get; init; }

    /// <summary>A FHIR date, possibly partial: <c>1961</c>, <c>1961-04</c> or <c>1961-04-12</c>.</summary>
    public string? BirthDate { get; init; }
}
