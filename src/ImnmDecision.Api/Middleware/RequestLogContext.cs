using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Api.Middleware;

/// <summary>
/// What the request log line may say about a request, collected while it is served: the route template (never
/// the raw path), the ruleset version, and for an assessment its id and subtype code. Only ids, codes and
/// counts belong here; never a finding's value or a caseId.
/// </summary>
internal static class RequestLogContext
{
    private const string RouteKey = "imnm.log.route";
    private const string RulesetKey = "imnm.log.ruleset";
    private const string AssessmentKey = "imnm.log.assessment";
    private const string SubtypeKey = "imnm.log.subtype";
    private const string ExtraKey = "imnm.log.extra";

    /// <summary>Remembers the matched route template (called right after routing).</summary>
    public static void CaptureRoute(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template })
        {
            context.Items[RouteKey] = template.StartsWith('/') ? template : "/" + template;
        }
    }

    /// <summary>The matched route template, or a fixed placeholder: the raw path is never logged.</summary>
    public static string RouteTemplate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(RouteKey, out var route) && route is string template)
        {
            return template;
        }

        return context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase) ? "/swagger/{*asset}" : "(no route)";
    }

    public static void SetRulesetVersion(HttpContext context, string rulesetVersion)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[RulesetKey] = rulesetVersion;
    }

    public static string? RulesetVersion(HttpContext context) => context.Items.TryGetValue(RulesetKey, out var value) ? value as string : null;

    /// <summary>Records the assessment's id and subtype code (never its findings).</summary>
    public static void SetAssessment(HttpContext context, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(assessment);
        context.Items[AssessmentKey] = assessment.AssessmentId;
        context.Items[SubtypeKey] = JsonNames.Name(assessment.Subtype.Code);
        context.Items[RulesetKey] = assessment.Ruleset.Tag;
    }

    public static Guid? AssessmentId(HttpContext context) => context.Items.TryGetValue(AssessmentKey, out var value) ? value as Guid? : null;

    public static string? SubtypeCode(HttpContext context) => context.Items.TryGetValue(SubtypeKey, out var value) ? value as string : null;

    /// <summary>
    /// Adds a further property to the request's log line (for example a batch's row count). Use it for ids,
    /// codes, counts and durations only.
    /// </summary>
    public static void AddProperty(HttpContext context, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[ExtraKey] is not Dictionary<string, object> extra)
        {
            context.Items[ExtraKey] = extra = new Dictionary<string, object>(StringComparer.Ordinal);
        }

        extra[name] = value;
    }

    public static IReadOnlyDictionary<string, object>? ExtraProperties(HttpContext context) =>
        context.Items.TryGetValue(ExtraKey, out var value) ? value as Dictionary<string, object> : null;
}
