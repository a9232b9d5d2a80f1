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

    /// <summary>Remembers the matched route template for the log line; place right after UseRouting.</summary>
    public static IApplicationBuilder UseRouteCapture(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        RequestLogContext.CaptureRoute(context);
        return next(context);
    });

    /// <summary>The request body limit; place after UseRouting so endpoint metadata can raise it.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimitMiddleware>();

    /// <summary><c>X-Ruleset-Version</c> on every v1 answer and the 409 pin, for every endpoint under /api/v1.</summary>
    public static IApplicationBuilder UseRulesetVersionPin(this IApplicationBuilder app) => app.UseWhen(
        context => context.Request.Path.StartsWithSegments(V1Prefix, StringComparison.OrdinalIgnoreCase),
        v1 => v1.UseMiddleware<RulesetVersionMiddleware>());
}
