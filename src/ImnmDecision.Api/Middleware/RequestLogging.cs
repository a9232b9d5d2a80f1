using ImnmDecision.Api.Problems;
using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;

namespace ImnmDecision.Api.Middleware;

/// <summary>
/// One line per request through Serilog's request logging: method, route template, status, duration, and for v1
/// answers the ruleset version (plus assessment id and subtype code for an assessment). Never the path, query,
/// headers or body: the message's properties are chosen here instead of Serilog's default, which carries the path.
/// </summary>
internal static class RequestLogging
{
    /// <summary>The request line; <c>Answer</c> is empty, or the ruleset and (for an assessment) subtype and id.</summary>
    public const string Template = "HTTP {Method} {RouteTemplate} responded {StatusCode} in {ElapsedMs} ms{Answer:l}";

    private static readonly HashSet<string> KnownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
    };

    public static void Configure(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        options.Logger = logger;
        options.MessageTemplate = Template;
        options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error : LogEventLevel.Information;
        options.GetMessageTemplateProperties = (context, _, elapsedMs, status) =>
        [
            new("Method", new ScalarValue(KnownMethods.Contains(context.Request.Method) ? context.Request.Method.ToUpperInvariant() : "OTHER")),
            new("RouteTemplate", new ScalarValue(RequestLogContext.RouteTemplate(context))),
            new("StatusCode", new ScalarValue(status)),
            new("ElapsedMs", new ScalarValue(Math.Round(elapsedMs, 1))),
            new("Answer", new ScalarValue(Answer(context))),
        ];
        options.EnrichDiagnosticContext = Enrich;
    }

    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        // The trace id is the one every problem document carries, so a reported error can be found here.
        diagnostics.Set("TraceId", ApiProblems.TraceId(context));
        if (RequestLogContext.RulesetVersion(context) is { } ruleset)
        {
            diagnostics.Set("RulesetVersion", ruleset);
        }

        if (RequestLogContext.SubtypeCode(context) is { } subtype)
        {
            diagnostics.Set("SubtypeCode", subtype);
            diagnostics.Set("AssessmentId", RequestLogContext.AssessmentId(context));
        }

        foreach (var (name, value) in RequestLogContext.ExtraProperties(context) ?? new Dictionary<string, object>())
        {
            diagnostics.Set(name, value);
        }
    }

    private static string Answer(HttpContext context) => (RequestLogContext.SubtypeCode(context), RequestLogContext.RulesetVersion(context)) switch
    {
        ({ } subtype, var ruleset) => $": {subtype}, assessment {RequestLogContext.AssessmentId(context)}, ruleset {ruleset}",
        (null, { } ruleset) => $", ruleset {ruleset}",
        _ => string.Empty,
    };
}
