namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 Quantity (also used for SimpleQuantity in reference ranges).</summary>
internal sealed record FhirQuantity
{
    public double? Value { get; init; }

    /// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;=</c> or <c>&gt;</c>: how to read the value.</summary>
    public string? Comparator { get; init; }

    public string? Unit { get; init; }

    public string? System { get; init; }

    public string? Code { get; init; }
}
