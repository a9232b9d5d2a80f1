namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 OperationOutcome, both read (an EHR's failed prefetch) and written (412, 400).</summary>
internal sealed record FhirOperationOutcome
{
    public string ResourceType { get; init; } = "OperationOutcome";

    public required IReadOnlyList<FhirIssue> Issue { get; init; }
}
