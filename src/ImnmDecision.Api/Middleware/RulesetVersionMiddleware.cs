using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Problems;
using ImnmDecision.Engine.Reports;
using Microsoft.Extensions.Primitives;

namespace ImnmDecision.Api.Middleware;

/// <summary>
/// For everything under <c>/api/v1</c>: answers 409 before anything is read when the request pins another ruleset
/// (header <c>X-Ruleset-Version</c> or query <c>rulesetVersion</c>), so a pipeline never mixes results of two rulesets
/// unknowingly. The header on the answer is stamped earlier, by <see cref="RulesetVersionHeaderMiddleware"/>.
/// </summary>
internal sealed class RulesetVersionMiddleware(RequestDelegate next, RulesetState state)
{
    /// <summary>The header that carries the ruleset version, both ways.</summary>
    public const string HeaderName = "X-Ruleset-Version";

    /// <summary>The query parameter a request may pin the ruleset with instead (for batch uploads).</summary>
    public const string QueryName = "rulesetVersion";

    private const int MaxEchoLength = 100;

    public Task InvokeAsync(HttpContext context)
    {
        if (state.Ruleset is not { } ruleset)
        {
            return ApiProblems.WriteAsync(context, ApiProblems.Create(
                StatusCodes.Status503ServiceUnavailable, "Ruleset not loaded", "The ruleset is not loaded yet; see /health/ready."));
        }

        var tag = ruleset.Identity.Tag; // Stamped on the answer by RulesetVersionHeaderMiddleware, before the security middleware.
        var requested = Requested(context);
        if (requested is not null && !string.Equals(requested, tag, StringComparison.Ordinal))
        {
            var shown = Shown(requested);
            var problem = ApiProblems.Create(
                StatusCodes.Status409Conflict,
                "Ruleset version mismatch",
                $"The request asks for ruleset '{shown}', but this server runs '{tag}'. Nothing was done.");
            problem.Extensions[ApiProblems.RequestedRulesetKey] = shown;
            problem.Extensions[ApiProblems.LoadedRulesetKey] = tag;
            return ApiProblems.WriteAsync(context, problem);
        }

        return next(context);
    }

    /// <summary>
    /// The requested version as the problem repeats it: at most <see cref="MaxEchoLength"/> characters (never half a
    /// surrogate pair), control, line-break and direction characters as '?' (<see cref="DisplayText"/>): a query
    /// string can carry them, and the problem's detail is shown to people.
    /// </summary>
    private static string Shown(string requested)
    {
        var cut = requested.Length <= MaxEchoLength ? requested
            : requested[..(char.IsHighSurrogate(requested[MaxEchoLength - 1]) ? MaxEchoLength - 1 : MaxEchoLength)] + "...";
        return DisplayText.Replace(cut, '?');
    }

    private static string? Requested(HttpContext context) =>
        Requested(context.Request.Headers[HeaderName]) ?? (context.Request.QueryString.HasValue ? Requested(context.Request.Query[QueryName]) : null);

    private static string? Requested(StringValues values)
    {
        if (StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        // Several values are a mismatch unless all agree.
        var distinct = values.Distinct(StringComparer.Ordinal).ToArray();
        return distinct.Length == 1 ? distinct[0]!.Trim() : string.Join(", ", distinct);
    }
}
