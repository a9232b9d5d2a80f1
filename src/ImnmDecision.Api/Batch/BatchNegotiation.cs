using ImnmDecision.CdsHooks.Http;
using ImnmDecision.Engine.Batch;
using Microsoft.Net.Http.Headers;

namespace ImnmDecision.Api.Batch;

/// <summary>Chooses the batch's input format from Content-Type and its output format from Accept.</summary>
internal static class BatchNegotiation
{
    /// <summary>The input format, or null for an unsupported media type (or a charset other than UTF-8).</summary>
    public static BatchFormat? InputFormat(HttpRequest request) =>
        Utf8MediaType.Of(request) is { } mediaType && BatchFormats.TryFromMediaType(mediaType, out var format) ? format : null;

    /// <summary>
    /// Whether a CSV body is declared to have no header row (<c>text/csv; header=absent</c>, RFC 4180): its columns
    /// cannot be told apart, and its first case would be read as the header.
    /// </summary>
    public static bool DeclaresNoCsvHeader(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
        && parsed.Parameters.Any(p => p.Name.Equals("header", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(p.Value).Equals("absent", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The output format: the first type of Accept (by quality) that is one of the three formats, or the input's
    /// format when Accept is absent or a wildcard covers it; null when Accept allows none of them (406).
    /// </summary>
    public static BatchFormat? OutputFormat(HttpRequest request, BatchFormat input)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return input;
        }

        foreach (var type in accept.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var mediaType = type.MediaType.Value ?? string.Empty;
            if (BatchFormats.TryFromMediaType(mediaType, out var exact))
            {
                return exact;
            }

            if (type.MatchesAllTypes || (type.MatchesAllSubTypes && BatchFormats.MediaType(input).StartsWith(type.Type.Value + "/", StringComparison.OrdinalIgnoreCase)))
            {
                return input;
            }
        }

        return null;
    }

    /// <summary>The Content-Type of the answer.</summary>
    public static string ContentType(BatchFormat format) => format switch
    {
        BatchFormat.Json => "application/json; charset=utf-8",
        BatchFormat.Ndjson => BatchFormats.NdjsonMediaType,
        _ => "text/csv; charset=utf-8; header=present",
    };
}
