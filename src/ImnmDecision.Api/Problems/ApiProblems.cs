using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ImnmDecision.Api.Problems;

/// <summary>The problem documents of the API and how they are written.</summary>
internal static class ApiProblems
{
    /// <summary>The media type of every error answer.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>The extension member every problem carries, to find the request in the logs.</summary>
    public const string TraceIdKey = "traceId";

    /// <summary>The extension member of a 400 that is not about the findings (a query parameter, a batch's columns): messages by name.</summary>
    public const string ErrorsKey = "errors";

    /// <summary>The extension member of a batch refusal: the input line it concerns.</summary>
    public const string LineKey = "line";

    /// <summary>The extension members of a 409: the ruleset tag the request pinned and the one this server runs.</summary>
    public const string RequestedRulesetKey = "requestedRulesetVersion";

    /// <inheritdoc cref="RequestedRulesetKey"/>
    public const string LoadedRulesetKey = "loadedRulesetVersion";

    public static ProblemDetails Create(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = TypeFor(status),
    };

    /// <summary>A problem for a bare status code (for example an unknown route).</summary>
    public static ProblemDetails ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => Create(status, "Not found", "Nothing is served at this address. The API lives under /api/v1; see /swagger."),
        StatusCodes.Status405MethodNotAllowed => Create(status, "Method not allowed", "This address does not accept this HTTP method; see /swagger."),
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(),
        StatusCodes.Status413PayloadTooLarge => Create(status, "Request body too large", "The request body is larger than this server accepts."),
        _ => Create(status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error", "The request could not be served."),
    };

    /// <summary>400: a query string parameter has a value of the wrong type (named; its value is not repeated).</summary>
    public static ProblemDetails BadParameter(string name)
    {
        var problem = Create(
            StatusCodes.Status400BadRequest,
            "A query parameter is not valid",
            $"The query parameter {name} has a value of the wrong type (true or false, a number, an ISO 8601 date: see /swagger); nothing was done.");
        problem.Extensions[ErrorsKey] = new Dictionary<string, string[]>(StringComparer.Ordinal) { [name] = ["The value is not of the parameter's type."] };
        return problem;
    }

    public static ProblemDetails UnsupportedMediaType() => Create(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type",
        "This endpoint does not accept the body's content type. Send JSON (Content-Type: application/json); "
        + "the batch endpoint also takes application/x-ndjson and text/csv (UTF-8). Bodies are read uncompressed: no Content-Encoding, no Transfer-Encoding but chunked.");

    /// <summary>406: the Accept header allows none of the media types this endpoint answers (named in the detail).</summary>
    public static ProblemDetails NotAcceptable(string detail)
    {
        var problem = Create(StatusCodes.Status406NotAcceptable, "Not acceptable", detail);
        problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.7";
        return problem;
    }

    public static ProblemDetails BodyTooLarge(long? limitBytes) => Create(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        limitBytes is { } limit
            ? $"The request body is larger than the {limit} bytes this server accepts (Api:MaxBodyBytes)."
            : "The request body is larger than this server accepts.");

    public static ProblemDetails Unexpected() => Create(
        StatusCodes.Status500InternalServerError,
        "Unexpected error",
        "The server failed to answer this request. Nothing about the request is echoed here; quote the traceId when reporting it.");

    /// <summary>The request's trace id: the W3C trace when there is one, else the connection's request id.</summary>
    public static string TraceId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Activity.Current?.Id ?? context.TraceIdentifier;
    }

    /// <summary>The extension members every problem carries, for results built before they are written.</summary>
    public static Dictionary<string, object?> Extensions(HttpContext context) =>
        new(StringComparer.Ordinal) { [TraceIdKey] = TraceId(context) };

    /// <summary>A problem result for a handler, complete even when the caller's Accept header bypasses the problem writer.</summary>
    public static ProblemHttpResult Result(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Complete(problem, context);
        return TypedResults.Problem(problem);
    }

    /// <summary>Fills in what every problem carries: status, type, and the trace id.</summary>
    public static void Complete(ProblemDetails problem, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(context);
        problem.Status ??= context.Response.StatusCode is >= 400 and var status ? status : StatusCodes.Status500InternalServerError;
        problem.Type ??= TypeFor(problem.Status.Value);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions[TraceIdKey] = TraceId(context);
    }

    /// <summary>Writes a problem document, whatever the request's Accept header says.</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        Complete(problem, context);
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            await context.Response.WriteAsJsonAsync(problem, json, ContentType, context.RequestAborted);
        }
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
