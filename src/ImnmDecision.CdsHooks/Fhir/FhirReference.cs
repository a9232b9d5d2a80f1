namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Reference.</summary>
internal sealed record FhirReference
{
    public string? Reference { get; init; }

    public string? Display { get; init; }

    /// <summary>
    /// Whether the reference points to another patient than <paramref name="patientId"/>. A reference that is
    /// absent, contained or not to a Patient is not a mismatch.
    /// </summary>
    public bool PointsToOtherPatientThan(string patientId)
    {
        if (string.IsNullOrEmpty(Reference))
        {
            return false;
        }

        var marker = Reference.LastIndexOf("Patient/", StringComparison.Ordinal);
        if (marker < 0)
        {
            return false;
        }

        var id = Reference[(marker + "Patient/".Length)..];
        var history = id.IndexOf('/', StringComparison.Ordinal);
        if (history >= 0)
        {
            id = id[..history];
        }

        return !string.Equals(id, patientId, StringComparison.Ordinal);
    }
}
