using ImnmDecision.CdsHooks.Http;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Middleware;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ImnmDecision.Api.Problems;

/// <summary>
/// The one place where exceptions become answers: request-reading failures become 400, 413 or 415 with the
/// JSON path, anything else a 500 without stack trace. Exception messages are never logged or returned,
/// because a parser's message can quote the request.
/// </summary>
internal sealed class ApiExceptionHandler(IOptions<ApiOptions> options, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is ConnectionResetException || (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested))
        {
            // The caller went away (a reset connection, mid-body too); there is nobody to answer. Aborting the
            // request also spares Kestrel draining a body whose read failed, which it would log as an error.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            httpContext.Abort();
            return true;
        }

        var problem = exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad && BadParameter(httpContext, bad) is { } name
            ? ApiProblems.BadParameter(name)
            : Map(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(
                "Unexpected {ExceptionType} while serving {RouteTemplate}{NewLine}{StackTrace}",
                exception.GetType().FullName, RequestLogContext.RouteTemplate(httpContext), Environment.NewLine, exception.StackTrace);
        }

        await ApiProblems.WriteAsync(httpContext, problem);
        return true;
    }

    /// <summary>
    /// The endpoint parameter (a query string value such as <c>rawCsv</c> or <c>from</c>) that the framework could
    /// not bind, or null when the failure is not a binding one. The name is taken from the framework's message
    /// only when it is one of the endpoint's own parameter names, so nothing of the request is ever repeated.
    /// </summary>
    private static string? BadParameter(HttpContext context, BadHttpRequestException exception)
    {
        // The handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var names = endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>();
        var message = exception.Message;
        var open = message.IndexOf('"', StringComparison.Ordinal);
        var close = open < 0 ? -1 : message.IndexOf('"', open + 1);
        if (names is not { Count: > 0 } || close < 0)
        {
            return null;
        }

        // "Failed to bind parameter "bool? rawCsv" from ..." or "Required parameter "string name" was not provided ...".
        var declared = message[(open + 1)..close];
        var name = declared[(declared.LastIndexOf(' ') + 1)..];
        return names.Any(n => n.Name == name) ? name : null;
    }

    private ProblemDetails Map(Exception exception) => exception switch
    {
        RequestBodyTooLargeException tooLarge => ApiProblems.BodyTooLarge(tooLarge.LimitBytes ?? options.Value.MaxBodyBytes),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblems.BodyTooLarge(options.Value.MaxBodyBytes),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ApiProblems.UnsupportedMediaType(),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } => ApiProblems.Create(
            StatusCodes.Status400BadRequest,
            "The request could not be read",
            "The request is incomplete or malformed: a POST needs one JSON object as its body; see /swagger for the shape."),
        BadHttpRequestException bad => ApiProblems.ForStatus(bad.StatusCode),
        _ => ApiProblems.Unexpected(),
    };
}
