using System.Text.Json;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Problems;

/// <summary>
/// Turns a body that does not fit the contract into a 400 problem with <c>errors</c> keyed by JSON path
/// (<c>antibodies.hmgcr</c>). The findings reader words every error itself (the same words a batch row gets),
/// from the path and the contract, never from the value sent, so nothing sent is echoed back or logged.
/// </summary>
internal static class BindingErrors
{
    public static HttpValidationProblemDetails FromJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        IEnumerable<FindingError> errors = exception switch
        {
            FindingsFormatException format => format.Errors,

            // The reader failed before the findings were read: the text is not JSON at this point.
            { InnerException: JsonException } or { Path: null or "$" } => [FindingError.Syntax(exception.LineNumber, exception.BytePositionInLine, Key(exception.Path))],
            _ => [new("$", "The body does not fit the v1 contract (see /swagger).")],
        };

        return new HttpValidationProblemDetails(errors
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body does not fit the v1 contract",
            Detail = "The body could not be read; errors names the JSON path. Nothing was assessed.",
        };
    }

    /// <summary>Where the reader stopped, as the errors map keys it: <c>$.ck.value</c> becomes <c>ck.value</c>, array indexes kept.</summary>
    private static string Key(string? path) =>
        path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) && p[2..].All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '[' or ']')
            ? p[2..]
            : "$";
}
