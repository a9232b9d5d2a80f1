namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>One OperationOutcome issue.</summary>
internal sealed record FhirIssue
{
    /// <summary>fatal, error, warning, information.</summary>
    public required string Severity { get; init; }

    /// <summary>An issue type code (invalid, required, not-supported, timeout, ...).</summary>
    public required string Code { get; init; }

    /// <summary>What went wrong, for people; never patient data.</summary>
    public string? Diagnostics { get; init; }

    /// <summary>Where in the request (for example <c>prefetch.ck</c>).</summary>
    public IReadOnlyList<string>? Expression { get; init; }
}
