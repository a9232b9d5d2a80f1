using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// Requires a valid EHR-signed JWT on CDS calls when <c>CdsHooks:RequireJwt</c> is on (the default outside
/// Development). The expected audience is the exact URL called: <c>CdsHooks:PublicBaseUrl</c> (or the
/// request's scheme, host and path base) followed by the path. Refusals are a bare 401 and a log line with the
/// reason, never the token.
/// </summary>
internal sealed class CdsJwtFilter(JwtValidator validator, IOptionsMonitor<CdsHooksOptions> options, ILogger<CdsJwtFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var settings = options.CurrentValue;
        if (settings.RequireJwt != true || (settings.AllowAnonymousDiscovery && HttpMethods.IsGet(http.Request.Method)))
        {
            return await next(context);
        }

        var check = await validator.ValidateAsync(BearerToken(http.Request), ExpectedAudience(http.Request, settings), http.RequestAborted);
        if (!check.Valid)
        {
            logger.LogWarning("Refused a CDS Hooks call to {Path}: JWT {JwtFailure}", http.Request.Path.Value, check.Failure);
            return BareUnauthorized.Instance;
        }

        return await next(context);
    }

    /// <summary>The URL the EHR must have put in <c>aud</c>.</summary>
    public static string ExpectedAudience(HttpRequest request, CdsHooksOptions settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = string.IsNullOrWhiteSpace(settings.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}"
            : settings.PublicBaseUrl.Trim().TrimEnd('/');
        return baseUrl + request.Path.Value;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header)
        {
            return null;
        }

        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
