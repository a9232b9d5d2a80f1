using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>Every CDS error as a FHIR R4 OperationOutcome (Firely's model and serializer), as EHRs expect.</summary>
internal static class CdsOutcomes
{
    /// <summary>The media type of FHIR JSON.</summary>
    public const string FhirJsonContentType = "application/fhir+json";

    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir();

    /// <summary>An OperationOutcome with one error issue; <paramref name="diagnostics"/> never carries request data.</summary>
    public static ContentHttpResult Error(int status, OperationOutcome.IssueType code, string diagnostics, IReadOnlyList<string>? expression = null)
    {
        var outcome = new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = code,
                    Diagnostics = diagnostics,
                    Expression = expression is { Count: > 0 } ? [.. expression] : [],
                },
            ],
        };
        return TypedResults.Text(JsonSerializer.Serialize(outcome, Options), FhirJsonContentType, Encoding.UTF8, status);
    }
}
