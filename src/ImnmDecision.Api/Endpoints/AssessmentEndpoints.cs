using ImnmDecision.CdsHooks.Http;
using System.Diagnostics;
using FluentValidation;
using ImnmDecision.Api.Http;
using ImnmDecision.Api.Middleware;
using ImnmDecision.Api.Problems;
using ImnmDecision.Api.Security;
using ImnmDecision.Api.Store;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Answers;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>POST /api/v1/assessments: one case in, one cited assessment out.</summary>
internal static class AssessmentEndpoints
{
    public static RouteGroupBuilder MapAssessments(this RouteGroupBuilder v1)
    {
        v1.MapPost("/assessments", Assess)
            .WithName("Assess")
            .WithTags("Assessments")
            .RequireAuthorization(ApiPolicies.Assess)
            .Accepts<Findings>("application/json")
            .Produces<Assessment>(StatusCodes.Status200OK, AnswerNegotiation.JsonMediaType, AnswerNegotiation.MarkdownMediaType, AnswerNegotiation.HtmlMediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return v1;
    }

    /// <summary>Suggest an IMNM subtype, workup and treatment options for one case</summary>
    /// <remarks>
    /// Send what is known about one patient; every section and field is optional, and a missing value means
    /// "not known". The answer names a subtype with its certainty and the rules that decided it, red-flag
    /// alerts, a workup checklist, treatment options (options to avoid stay listed with the reason), what is
    /// missing, and every source it cites. Decision support for clinicians; not a diagnosis.
    /// <para>The answer is JSON by default. With <c>Accept: text/markdown</c> or <c>Accept: text/html</c> it is the report that
    /// <c>imnm explain</c> writes: the summary and the alerts first, then the subtype and why, the workup checklist, the treatment
    /// options, what is missing and the numbered, linked citations (HTML: a printable page).</para>
    /// <para>In Swagger UI, pick one of the named examples below, then press Execute.</para>
    /// </remarks>
    /// <param name="validator">The contract's field checks.</param>
    /// <param name="engine">The decision engine.</param>
    /// <param name="context">The request: its body holds the findings of one case (JSON, camelCase, enum values as kebab-case
    /// strings; unknown or repeated properties are rejected, names are case-sensitive).</param>
    /// <response code="200">The assessment, with the ruleset that produced it: JSON (<c>Assessment</c>), or the report as markdown or HTML when Accept asks for it.</response>
    /// <response code="400">The body is not valid JSON, has a value of the wrong type or an unknown enum value or property, or breaks a field rule; <c>errors</c> names each JSON path.</response>
    /// <response code="406">Accept allows none of application/json, text/markdown and text/html.</response>
    /// <response code="409">The request pinned another ruleset with <c>X-Ruleset-Version</c>; nothing was assessed.</response>
    /// <response code="413">The body is larger than the server accepts (Api:MaxBodyBytes).</response>
    /// <response code="415">The body is not sent as <c>application/json</c> in UTF-8.</response>
    /// <response code="500">The server failed; the answer holds a traceId and nothing of the request.</response>
    /// <param name="audit">The audit trail (no patient data).</param>
    /// <param name="answers">The answer's JSON writer (<see cref="EngineVariants.Fast"/>).</param>
    private static async Task<Results<AnswerJsonResult, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Assess(
        IValidator<Findings> validator, AssessmentEngine engine, AuditTrail audit, IAnswerWriter answers, HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        AnswerNegotiation.VaryOnAccept(context.Response);
        if (AnswerNegotiation.Negotiate(context.Request) is not { } answer)
        {
            return ApiProblems.Result(context, ApiProblems.NotAcceptable(
                "This endpoint answers application/json (the default), text/markdown or text/html; the Accept header allows none of them."));
        }

        if (!Utf8MediaType.IsJson(Utf8MediaType.Of(context.Request)))
        {
            return ApiProblems.Result(context, ApiProblems.UnsupportedMediaType());
        }

        // Read here, not bound by the framework: the same reader and error wording as a batch row, so the 400
        // names the same path with the same sentence for the same fault.
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (!FindingsJson.TryParse(body.Span, out var findings, out var problem))
        {
            return TypedResults.ValidationProblem(
                Errors(problem),
                detail: "The body could not be read; errors names the JSON path. Nothing was assessed.",
                title: "The request body does not fit the v1 contract",
                extensions: ApiProblems.Extensions(context));
        }

        var check = validator.Validate(findings);
        if (!check.IsValid)
        {
            return TypedResults.ValidationProblem(
                check.ToDictionary(),
                detail: "The findings break the field rules of the v1 contract; errors names each JSON path. Nothing was assessed.",
                title: "The findings are not valid",
                extensions: ApiProblems.Extensions(context));
        }

        var assessment = engine.Assess(findings);
        RequestLogContext.SetAssessment(context, assessment);
        audit.Single(context, assessment, started);
        return answer switch
        {
            AnswerMediaType.Markdown => TypedResults.Text(AssessmentReport.Render(assessment, ReportFormat.Markdown), AnswerNegotiation.ContentType(answer)),
            AnswerMediaType.Html => TypedResults.Text(AssessmentReport.Render(assessment, ReportFormat.Html), AnswerNegotiation.ContentType(answer)),
            _ => new AnswerJsonResult(assessment, answers),
        };
    }

    private static Dictionary<string, string[]> Errors(BatchProblem problem) =>
        problem.Errors is { Count: > 0 } errors
            ? errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = [problem.Detail ?? problem.Title] };
}
