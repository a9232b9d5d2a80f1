using Serilog;

namespace ImnmDecision.Api.Middleware;

/// <summary>The API's own middleware, in the order Program.cs uses them.</summary>
internal static class MiddlewareSetup
{
    /// <summary>The v1 prefix; the ruleset pin applies to everything below it.</summary>
    public const string V1Prefix = "/api/v1";

    /// <summary>One log line per request (outermost, so it sees the final status): Serilog's request logging, configured in <see cref="RequestLogging"/>.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options => RequestLogging.Configure(options, app.ApplicationServices.GetRequiredService<Serilog.ILogger>()));

    /// <summary>
    /// HEAD answered as GET without its body (RFC 9110 9.3.2: a server that answers GET answers HEAD with the same
    /// status and headers): the endpoints are mapped for GET only, so HEAD, which monitors and <c>curl -I</c> send,
    /// was a 405. Place right before UseRouting; the request log still names HEAD.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Response.Body = body;
        }
    });

    /// <summary>Remembers the matched route template for the log line; place right after UseRouting.</summary>
    public static IApplicationBuilder UseRouteCapture(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        RequestLogContext.CaptureRoute(context);
        return next(context);
    });

    /// <summary>The request body limit; place after UseRouting so endpoint metadata can raise it.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimitMiddleware>();

    /// <summary>
    /// <c>X-Ruleset-Version</c> on every v1 answer; place before <c>UseImnmSecurity</c>, so that the refusals of
    /// authentication, authorization and the rate limiter (401, 403, 429) carry it too.
    /// </summary>
    public static IApplicationBuilder UseRulesetVersionHeader(this IApplicationBuilder app) => app.UseWhen(IsV1, v1 => v1.UseMiddleware<RulesetVersionHeaderMiddleware>());

    /// <summary>The 409 pin (and the 503 before a ruleset is loaded), for every endpoint under /api/v1; after the security middleware.</summary>
    public static IApplicationBuilder UseRulesetVersionPin(this IApplicationBuilder app) => app.UseWhen(IsV1, v1 => v1.UseMiddleware<RulesetVersionMiddleware>());

    private static bool IsV1(HttpContext context) => context.Request.Path.StartsWithSegments(V1Prefix, StringComparison.OrdinalIgnoreCase);
}
