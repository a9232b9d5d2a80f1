using ImnmDecision.Api.Http;
using ImnmDecision.CdsHooks.Http;
using ImnmDecision.Engine.Batch;
using Microsoft.Net.Http.Headers;

namespace ImnmDecision.Api.Batch;

/// <summary>Chooses the batch's input format from Content-Type and its output format from Accept.</summary>
internal static class BatchNegotiation
{
    private static readonly BatchFormat[] Formats = [BatchFormat.Json, BatchFormat.Ndjson, BatchFormat.Csv];

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
    /// The output format: the one Accept rates highest (a wildcard prefers the input's format, then JSON, NDJSON,
    /// CSV; a format refused by name, never), the input's when Accept is absent; null when Accept allows none (406).
    /// </summary>
    public static BatchFormat? OutputFormat(HttpRequest request, BatchFormat input)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return input;
        }

        BatchFormat[] offers = [input, .. Formats.Where(f => f != input)];
        var chosen = AcceptNegotiation.Choose([.. accept.Select(Canonical)], [.. offers.Select(BatchFormats.MediaType)]);
        return chosen < 0 ? null : offers[chosen];
    }

    /// <summary>A range naming a format by another of its names (<c>application/jsonl</c>) as its own media type, with its quality.</summary>
    private static MediaTypeHeaderValue Canonical(MediaTypeHeaderValue range) =>
        !range.MatchesAllSubTypes && BatchFormats.TryFromMediaType(range.MediaType.Value, out var format)
            ? new MediaTypeHeaderValue(BatchFormats.MediaType(format), range.Quality ?? 1)
            : range;

    /// <summary>The Content-Type of the answer.</summary>
    public static string ContentType(BatchFormat format) => format switch
    {
        BatchFormat.Json => "application/json; charset=utf-8",
        BatchFormat.Ndjson => BatchFormats.NdjsonMediaType,
        _ => "text/csv; charset=utf-8; header=present",
    };
}
