using Microsoft.AspNetCore.Http.Features;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// The request body limit of a warm-up request, settable as Kestrel's is: without it the hook endpoint's
/// <c>CdsHooks:MaxBodyBytes</c> metadata finds no feature to apply to and ASP.NET Core logs a warning at every
/// start-up ("A request body size limit could not be applied").
/// </summary>
internal sealed class WarmUpBodySizeFeature : IHttpMaxRequestBodySizeFeature
{
    public bool IsReadOnly => false;

    public long? MaxRequestBodySize { get; set; }
}
