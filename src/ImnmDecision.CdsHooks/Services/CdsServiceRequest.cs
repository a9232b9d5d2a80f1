using System.Text.Json;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// A CDS Hooks call, read from its JSON body. <see cref="Prefetch"/> keeps the difference between a key that is
/// absent (not attempted), <c>null</c> (searched, nothing found) and an OperationOutcome (the search failed).
/// The elements belong to the request's JSON document and live as long as it does.
/// </summary>
internal sealed record CdsServiceRequest
{
    public required string Hook { get; init; }

    public required string HookInstance { get; init; }

    public Uri? FhirServer { get; init; }

    public FhirAuthorization? FhirAuthorization { get; init; }

    /// <summary>The hook context (an object).</summary>
    public required JsonElement Context { get; init; }

    /// <summary>The prefetch values by key; a JSON <c>null</c> stays a <see cref="JsonValueKind.Null"/> element.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Prefetch { get; init; }

    /// <summary>A primitive context field as text (<c>patientId</c>, <c>userId</c>...), or <c>null</c>.</summary>
    /// <summary>
    /// Checks what every service needs: its own hook and a <c>context.patientId</c>. Returns the 400 outcome
    /// when either is wrong, or null with the patient id.
    /// </summary>
    public CdsServiceOutcome? CheckCall(string hook, string serviceId, out string patientId)
    {
        patientId = ContextValue("patientId") ?? string.Empty;
        if (Hook != hook)
        {
            return CdsServiceOutcome.BadRequest($"The service {serviceId} answers the {hook} hook only.");
        }

        return patientId.Length == 0 ? CdsServiceOutcome.BadRequest("context.patientId is required.") : null;
    }

    public string? ContextValue(string name) =>
        Context.ValueKind == JsonValueKind.Object && Context.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
