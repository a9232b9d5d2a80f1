using Microsoft.AspNetCore.Http.Metadata;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>The body limit of hook calls (<c>CdsHooks:MaxBodyBytes</c>): prefetch bundles outgrow the API's default.</summary>
internal sealed class CdsRequestSizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}
