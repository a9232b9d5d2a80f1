using System.Diagnostics;
using System.Reflection;
using ImnmDecision.Api.Middleware;
using ImnmDecision.Api.Problems;
using ImnmDecision.Api.Store;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ImnmDecision.Api.Batch;

/// <summary>
/// The 200 answer of a batch: runs the batch straight from the request body into the response, one row per
/// case as it is scored, then the summary. Until the first row leaves, a refusal (identifier-like or unknown
/// columns, not an array, too many rows) is still answered as a problem document with its own status.
/// </summary>
internal sealed class BatchStreamResult(BatchFormat inputFormat, BatchFormat outputFormat, BatchOptions options) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ImnmDecision.Api.Batch");
        var engine = services.GetRequiredService<AssessmentEngine>();
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = BatchNegotiation.ContentType(outputFormat);
        response.Headers.CacheControl = "no-store";

        var clock = Stopwatch.StartNew();
        var progress = new BatchProgress();
        try
        {
            var summary = await new BatchRunner(engine, options)
                .RunAsync(httpContext.Request.BodyReader, inputFormat, response.Body, outputFormat, progress, aborted);
            services.GetRequiredService<AuditTrail>().Batch(httpContext, summary, clock.Elapsed);
            RequestLogContext.AddProperty(httpContext, "BatchRows", summary.Rows);
            RequestLogContext.AddProperty(httpContext, "BatchFailed", summary.Failed);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "Batch of {BatchRows} rows ({BatchFailed} failed, truncated {BatchTruncated}) from {InputFormat} to {OutputFormat} with {RulesetVersion} in {ElapsedMs} ms ({RowsPerSecond} rows/s)",
                    summary.Rows, summary.Failed, summary.Truncated, JsonNames.Name(inputFormat), JsonNames.Name(outputFormat),
                    summary.Ruleset.Tag, clock.ElapsedMilliseconds, (long)(summary.Rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001)));
            }
        }
        catch (BatchRefusedException refused) when (!response.HasStarted && !ClientWentAway(refused, aborted))
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Batch refused with {StatusCode}: {ProblemTitle}", refused.Problem.Status, refused.Problem.Title);
            }

            // Kestrel's own verdict on a body it stopped reading (408: sent too slowly) is the status to answer.
            await ApiProblems.WriteAsync(httpContext, refused.InnerException is BadHttpRequestException { StatusCode: not StatusCodes.Status400BadRequest } bad
                ? ApiProblems.ForStatus(bad.StatusCode)
                : ToProblemDetails(refused.Problem));
        }
        catch (Exception e) when (ClientWentAway(e, aborted))
        {
            // The client went away: both stages have stopped; there is nobody to answer.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Batch stopped after {BatchRows} rows: the client disconnected after {ElapsedMs} ms", progress.Rows, clock.ElapsedMilliseconds);
            }

            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            }

            // Nobody is left to read an answer: close the connection rather than let the server drain a body
            // whose reader stopped mid-read (Kestrel then logs an error, "Reading is already in progress").
            httpContext.Abort();
        }
    }

    /// <summary>
    /// Whether a failure is the client going away: a cancelled or broken read or write once the request is aborted,
    /// or a connection reset before any row left (refused as unreadable input, but there is nobody to tell).
    /// </summary>
    private static bool ClientWentAway(Exception e, CancellationToken aborted) =>
        (e is OperationCanceledException or IOException or BatchRefusedException && aborted.IsCancellationRequested)
        || e is BatchRefusedException { InnerException: ConnectionResetException };

    /// <summary>A row problem as the API's problem document (with <c>errors</c> and <c>line</c> as extensions).</summary>
    public static ProblemDetails ToProblemDetails(BatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var details = ApiProblems.Create(problem.Status, problem.Title, problem.Detail ?? problem.Title);
        details.Type = problem.Type;
        if (problem.Errors is { Count: > 0 } errors)
        {
            details.Extensions[ApiProblems.ErrorsKey] = errors;
        }

        if (problem.Line is { } line)
        {
            details.Extensions[ApiProblems.LineKey] = line;
        }

        return details;
    }

    /// <summary>Documents the 200 answer: the result rows in each of the three formats.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(
            StatusCodes.Status200OK,
            typeof(IReadOnlyList<BatchResultRow>),
            [BatchFormats.JsonMediaType, BatchFormats.NdjsonMediaType, BatchFormats.CsvMediaType]));
    }
}
