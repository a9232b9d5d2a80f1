using ImnmDecision.CdsHooks.Services;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Security;

/// <summary>
/// Requires a valid EHR-signed JWT on CDS calls when <c>CdsHooks:RequireJwt</c> is on (the default outside
/// Development). The expected audience is the exact URL called: <c>CdsHooks:PublicBaseUrl</c> (required while
/// checking is on; never the request's Host header) followed by the path. Refusals are a bare 401 and a log
/// line with the reason and the route template, never the token or the raw path. The start-up warm-up's own
/// in-memory calls (<see cref="CdsWarmUpScope"/>, never a network request) are not checked.
/// </summary>
internal sealed class CdsJwtFilter(JwtValidator validator, IOptionsMonitor<CdsHooksOptions> options, ILogger<CdsJwtFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var settings = options.CurrentValue;
        if (settings.RequireJwt != true || CdsWarmUpScope.IsWarmUpCall(http) || (settings.AllowAnonymousDiscovery && HttpMethods.IsGet(http.Request.Method)))
        {
            return await next(context);
        }

        var audience = ExpectedAudience(http.Request, settings);
        var check = audience is null
            ? JwtCheck.Fail(JwtFailure.WrongAudience)
            : await validator.ValidateAsync(BearerToken(http.Request), audience, http.RequestAborted);
        if (!check.Valid)
        {
            logger.LogWarning("Refused a CDS Hooks call to {RouteTemplate}: JWT {JwtFailure}", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)", check.Failure);
            return BareUnauthorized.Instance;
        }

        CdsCaller.Verified(http, check.Issuer);
        return await next(context);
    }

    /// <summary>The URL the EHR must have put in <c>aud</c>: the configured public base URL and the path; null (refuse) without one.</summary>
    public static string? ExpectedAudience(HttpRequest request, CdsHooksOptions settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        return CdsHooksOptions.IsPublicBaseUrl(settings.PublicBaseUrl)
            ? settings.PublicBaseUrl!.Trim().TrimEnd('/') + request.Path.Value
            : null;
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
