using System.Text.Json;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 MedicationStatement.</summary>
internal sealed record FhirMedicationStatement
{
    public string? Id { get; init; }

    /// <summary>active, completed, entered-in-error, intended, stopped, on-hold, unknown, not-taken.</summary>
    public string? Status { get; init; }

    public FhirCodeableConcept? MedicationCodeableConcept { get; init; }

    public FhirReference? MedicationReference { get; init; }

    public FhirReference? Subject { get; init; }

    public string? EffectiveDateTime { get; init; }

    public FhirPeriod? EffectivePeriod { get; init; }

    public string? DateAsserted { get; init; }

    /// <summary>Contained resources (a contained Medication, typically).</summary>
    public IReadOnlyList<JsonElement>? Contained { get; init; }
}
