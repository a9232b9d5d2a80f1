using System.Diagnostics;
using ImnmDecision.Api.Problems;

namespace ImnmDecision.Api.Middleware;

/// <summary>
/// Writes one line per request: method, route template, status, duration, and for v1 answers the ruleset
/// version (plus assessment id and subtype code for an assessment). Never the path, query, headers or body.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    private static readonly HashSet<string> KnownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            escaped = true;
            throw;
        }
        finally
        {
            Write(context, Stopwatch.GetElapsedTime(started), escaped ? StatusCodes.Status500InternalServerError : context.Response.StatusCode);
        }
    }

    private void Write(HttpContext context, TimeSpan elapsed, int status)
    {
        var level = status >= StatusCodes.Status500InternalServerError ? LogLevel.Error : LogLevel.Information;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var method = KnownMethods.Contains(context.Request.Method) ? context.Request.Method.ToUpperInvariant() : "OTHER";
        var route = RequestLogContext.RouteTemplate(context);
        var elapsedMs = Math.Round(elapsed.TotalMilliseconds, 1);
        var ruleset = RequestLogContext.RulesetVersion(context);
        var subtype = RequestLogContext.SubtypeCode(context);

        // The trace id is the one every problem document carries, so a reported error can be found here.
        var properties = new Dictionary<string, object>(StringComparer.Ordinal) { ["TraceId"] = ApiProblems.TraceId(context) };
        foreach (var (name, value) in RequestLogContext.ExtraProperties(context) ?? new Dictionary<string, object>())
        {
            properties[name] = value;
        }

        using var scope = logger.BeginScope(properties);
        if (subtype is not null)
        {
            logger.Log(
                level,
                "HTTP {Method} {RouteTemplate} responded {StatusCode} in {ElapsedMs} ms: {SubtypeCode}, assessment {AssessmentId}, ruleset {RulesetVersion}",
                method, route, status, elapsedMs, subtype, RequestLogContext.AssessmentId(context), ruleset);
        }
        else if (ruleset is not null)
        {
            logger.Log(level, "HTTP {Method} {RouteTemplate} responded {StatusCode} in {ElapsedMs} ms, ruleset {RulesetVersion}", method, route, status, elapsedMs, ruleset);
        }
        else
        {
            logger.Log(level, "HTTP {Method} {RouteTemplate} responded {StatusCode} in {ElapsedMs} ms", method, route, status, elapsedMs);
        }
    }
}
