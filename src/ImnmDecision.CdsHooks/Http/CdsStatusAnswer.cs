using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Services;

namespace ImnmDecision.CdsHooks.Http;

/// <summary>
/// A bare error status under <c>/cds-services</c> that no endpoint wrote (a path no service has, a method a
/// service does not take) as a FHIR OperationOutcome, as every other refusal of the CDS Hooks door is.
/// </summary>
public static class CdsStatusAnswer
{
    /// <summary>Whether the request is the CDS Hooks door's.</summary>
    public static bool Owns(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments(CdsEndpoints.Prefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Writes the OperationOutcome of the response's status (404, 405, ...).</summary>
    public static System.Threading.Tasks.Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Response.StatusCode;
        var (code, diagnostics) = status switch
        {
            StatusCodes.Status404NotFound => (OperationOutcome.IssueType.NotFound, "Nothing is served at this address; GET /cds-services lists the services."),
            StatusCodes.Status405MethodNotAllowed => (OperationOutcome.IssueType.NotSupported, "This address does not accept this HTTP method: GET /cds-services for discovery, POST to a service or its feedback."),
            _ => (OperationOutcome.IssueType.Processing, "The request could not be served."),
        };
        return CdsOutcomes.Error(status, code, diagnostics).ExecuteAsync(context);
    }
}
