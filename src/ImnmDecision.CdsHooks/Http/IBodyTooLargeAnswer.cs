namespace ImnmDecision.CdsHooks.Http;

/// <summary>
/// Endpoint metadata for routes whose errors are not problem documents (CDS Hooks answers FHIR
/// OperationOutcomes): how to answer a body over the limit.
/// </summary>
public interface IBodyTooLargeAnswer
{
    Task WriteAsync(HttpContext context);
}
