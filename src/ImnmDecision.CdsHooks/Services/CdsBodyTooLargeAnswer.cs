using ImnmDecision.CdsHooks.Http;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>A CDS Hooks body over the limit gets an OperationOutcome, as every CDS error does.</summary>
internal sealed class CdsBodyTooLargeAnswer : IBodyTooLargeAnswer
{
    public Task WriteAsync(HttpContext context) => CdsEndpoints.TooLarge(context).ExecuteAsync(context);
}
