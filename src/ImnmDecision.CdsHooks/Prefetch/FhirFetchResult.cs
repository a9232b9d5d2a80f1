using System.Text.Json;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>The answer of one read or search against the EHR's FHIR server.</summary>
/// <param name="Resources">The resources found (empty when none).</param>
/// <param name="Problem">Why the data could not be obtained; <c>null</c> on success.</param>
internal sealed record FhirFetchResult(IReadOnlyList<JsonElement> Resources, string? Problem)
{
    public bool Succeeded => Problem is null;
}
