using System.Text.Json;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 MedicationRequest (also the draft orders of <c>order-select</c>).</summary>
internal sealed record FhirMedicationRequest
{
    public string? Id { get; init; }

    /// <summary>active, on-hold, cancelled, completed, entered-in-error, stopped, draft, unknown.</summary>
    public string? Status { get; init; }

    /// <summary>True for an order not to give the drug.</summary>
    public bool? DoNotPerform { get; init; }

    public FhirCodeableConcept? MedicationCodeableConcept { get; init; }

    public FhirReference? MedicationReference { get; init; }

    public FhirReference? Subject { get; init; }

    public string? AuthoredOn { get; init; }

    /// <summary>Contained resources (a contained Medication, typically).</summary>
    public IReadOnlyList<JsonElement>? Contained { get; init; }
}
