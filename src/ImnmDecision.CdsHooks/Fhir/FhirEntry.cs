using Hl7.Fhir.Model;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>One resource as it arrived: Firely's POCO and, from a Bundle, the entry's <c>fullUrl</c>.</summary>
internal sealed record FhirEntry(Resource Resource, string? FullUrl = null)
{
    /// <summary>The relative reference <c>Type/id</c>, or <c>null</c> without an id (or with one that does not follow FHIR R4).</summary>
    public string? RelativeReference => Id is { Length: > 0 } id ? $"{Resource.TypeName}/{id}" : null;

    /// <summary>The resource's id; null when it has none or when it does not follow FHIR R4.</summary>
    public string? Id => FhirValues.Id(Resource);
}
