using Microsoft.AspNetCore.Diagnostics;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// A 401 with no body (and no problem document added by the status-code pages): a refused caller learns nothing
/// about why.
/// </summary>
internal sealed class BareUnauthorized : IResult
{
    public static BareUnauthorized Instance { get; } = new();

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
        httpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
