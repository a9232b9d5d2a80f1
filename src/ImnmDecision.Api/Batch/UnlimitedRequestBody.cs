using Microsoft.AspNetCore.Http.Metadata;

namespace ImnmDecision.Api.Batch;

/// <summary>
/// Endpoint metadata that lifts the request body size limit (Kestrel's and <c>Api:MaxBodyBytes</c>) for the
/// batch endpoint only: a cohort streams through in constant memory, and its size is bounded by
/// <c>Batch:MaxRows</c> instead.
/// </summary>
internal sealed class UnlimitedRequestBody : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => null;
}
