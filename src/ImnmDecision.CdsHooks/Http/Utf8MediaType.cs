using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ImnmDecision.CdsHooks.Http;

/// <summary>
/// Reads a request's Content-Type as RFC 9110 allows it: the media type in any case, parameters in any case and
/// order, the charset as a token or a quoted string. Only UTF-8 is read (<c>utf-8</c>, or the common misspelling
/// <c>utf8</c>); any other charset, an empty one, or a header that does not parse is an unsupported media type.
/// So is a body sent with a Content-Encoding other than <c>identity</c> (gzip, br, ...), or a Transfer-Encoding
/// other than <c>chunked</c> (<c>gzip, chunked</c>): bodies are read as sent, never decompressed, and compressed
/// bytes must not be parsed as if they were the text (RFC 9110 15.5.16).
/// </summary>
public static class Utf8MediaType
{
    /// <summary>The media type in lower case (<c>application/json</c>), or null when the body is not declared as uncompressed UTF-8 text of some type.</summary>
    public static string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnlyCodings(request.Headers.ContentEncoding, "identity") && OnlyCodings(request.Headers.TransferEncoding, "identity", "chunked")
            ? Of(request.ContentType)
            : null;
    }

    /// <summary>The media type of a Content-Type value in lower case, or null (see the class).</summary>
    public static string? Of(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Length == 0)
        {
            return null;
        }

        foreach (var parameter in parsed.Parameters)
        {
            if (parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase) && !IsUtf8(HeaderUtilities.RemoveQuotes(parameter.Value)))
            {
                return null;
            }
        }

        return parsed.MediaType.Value!.ToLowerInvariant();
    }

    /// <summary>Whether a media type is JSON: <c>application/json</c> or any <c>+json</c> type.</summary>
    public static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType == "application/json" || (mediaType.StartsWith("application/", StringComparison.Ordinal) && mediaType.EndsWith("+json", StringComparison.Ordinal)));

    /// <summary>No codings, or only the <paramref name="allowed"/> ones (in any case, possibly listed more than once).</summary>
    private static bool OnlyCodings(StringValues codings, params ReadOnlySpan<string> allowed)
    {
        foreach (var value in codings)
        {
            foreach (var coding in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var known = false;
                foreach (var name in allowed)
                {
                    known |= coding.Equals(name, StringComparison.OrdinalIgnoreCase);
                }

                if (!known)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsUtf8(StringSegment charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
