using ImnmDecision.Api.Problems;
using ImnmDecision.Api.Security;
using ImnmDecision.Api.Store;
using ImnmDecision.CdsHooks.Http;
using ImnmDecision.Engine.Reports;
using ImnmDecision.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>GET /api/v1/feedback/summary and /api/v1/audit/summary: what the durable store holds, summed (summaries scope).</summary>
internal static class SummaryEndpoints
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    /// <summary>Longer than any ruleset tag (name@version+hash).</summary>
    private const int MaxTagLength = 200;

    public static RouteGroupBuilder MapSummaries(this RouteGroupBuilder v1)
    {
        v1.MapGet("/feedback/summary", FeedbackAsync)
            .WithName("FeedbackSummary")
            .WithTags("Summaries")
            .RequireAuthorization(ApiPolicies.Summaries)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        v1.MapGet("/audit/summary", AuditAsync)
            .WithName("AuditSummary")
            .WithTags("Summaries")
            .RequireAuthorization(ApiPolicies.Summaries)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return v1;
    }

    /// <summary>CDS Hooks feedback: cards shown, accepted and overridden, with the top override reasons</summary>
    /// <remarks>Per CDS service, kind of card (imnm-assessment, imnm-red-flag, imnm-statin-order, imnm-guidance-incomplete) and ruleset, over a date range (default: the last 30 days).</remarks>
    /// <param name="store">The durable store.</param>
    /// <param name="context">The request.</param>
    /// <param name="from">Start of the range (ISO 8601, inclusive).</param>
    /// <param name="to">End of the range (ISO 8601, exclusive; default now).</param>
    /// <param name="ruleset">Only cards from this ruleset tag (at most 200 characters, none of them a control, line-break or direction character).</param>
    /// <response code="200">The summary.</response>
    /// <response code="400">The range is not valid.</response>
    private static async Task<Results<Ok<FeedbackSummary>, ProblemHttpResult>> FeedbackAsync(
        DecisionStore store, HttpContext context, DateTimeOffset? from, DateTimeOffset? to, string? ruleset)
    {
        // Sent twice, the binder would join both values with a comma into one tag that matches nothing; the summary
        // repeats the filter, so one that no tag can be (too long, control or direction characters) is refused.
        if ((NotIso8601(context) ?? (context.Request.Query["ruleset"].Count > 1 || NotATag(ruleset) ? "ruleset" : null)) is { } parameter)
        {
            return ApiProblems.Result(context, ApiProblems.BadParameter(parameter));
        }

        if (Range(from, to) is not { } range)
        {
            return BadRange(context);
        }

        return TypedResults.Ok(await store.FeedbackSummaryAsync(range.From, range.To, string.IsNullOrWhiteSpace(ruleset) ? null : ruleset, context.RequestAborted));
    }

    /// <summary>The assessment audit: entries and cases by door, subtype, ruleset and day</summary>
    /// <remarks>Over a date range (default: the last 30 days). A batch is one entry; its rows count as cases.</remarks>
    /// <param name="store">The durable store.</param>
    /// <param name="audit">The audit entries still queued for writing: written first, so the summary holds every answer given before it.</param>
    /// <param name="context">The request.</param>
    /// <param name="from">Start of the range (ISO 8601, inclusive).</param>
    /// <param name="to">End of the range (ISO 8601, exclusive; default now).</param>
    /// <response code="200">The summary.</response>
    /// <response code="400">The range is not valid.</response>
    private static async Task<Results<Ok<AuditSummary>, ProblemHttpResult>> AuditAsync(
        DecisionStore store, AuditQueue audit, HttpContext context, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (NotIso8601(context) is { } parameter)
        {
            return ApiProblems.Result(context, ApiProblems.BadParameter(parameter));
        }

        if (Range(from, to) is not { } range)
        {
            return BadRange(context);
        }

        await audit.FlushAsync(context.RequestAborted);
        return TypedResults.Ok(await store.AuditSummaryAsync(range.From, range.To, context.RequestAborted));
    }

    /// <summary>
    /// The first of <c>from</c> and <c>to</c> sent as anything but one ISO 8601 date or date-time: the binder would
    /// read <c>1/2</c> as 2 January and two values as one, where the contract says ISO 8601.
    /// </summary>
    private static string? NotIso8601(HttpContext context) =>
        Array.Find(["from", "to"], name => context.Request.Query.TryGetValue(name, out var values) && (values.Count != 1 || !Iso8601.TryParse(values[0], out _)));

    private static bool NotATag(string? ruleset) =>
        ruleset is not null && (ruleset.Length > MaxTagLength || !string.Equals(DisplayText.Replace(ruleset, '?'), ruleset, StringComparison.Ordinal));

    private static (DateTimeOffset From, DateTimeOffset To)? Range(DateTimeOffset? from, DateTimeOffset? to)
    {
        var end = to ?? DateTimeOffset.UtcNow.AddSeconds(1);

        // The default start is 30 days before the end, or the first day of the calendar for an end within 30 days of it.
        var start = from ?? (Math.Min(end.UtcTicks, end.Ticks) <= DefaultRange.Ticks ? DateTimeOffset.MinValue : end - DefaultRange);
        return start < end ? (start, end) : null;
    }

    private static ProblemHttpResult BadRange(HttpContext context) => ApiProblems.Result(context, ApiProblems.Create(
        StatusCodes.Status400BadRequest, "Invalid range", "'from' must be before 'to'."));
}
