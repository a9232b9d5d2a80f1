using Microsoft.Net.Http.Headers;

namespace ImnmDecision.Api.Http;

/// <summary>
/// Which form of the answer the caller's Accept header asks for: JSON by default (no Accept, <c>*/*</c>,
/// <c>application/*</c>), the markdown or HTML report when asked by name (or <c>text/*</c>: markdown), the
/// highest quality first, a form refused by name (<c>q=0</c>) never; null when Accept allows none (406).
/// </summary>
internal static class AnswerNegotiation
{
    public const string JsonMediaType = "application/json";
    public const string MarkdownMediaType = "text/markdown";
    public const string HtmlMediaType = "text/html";

    /// <summary>The forms, in the order a wildcard prefers them.</summary>
    private static readonly string[] Offers = [JsonMediaType, MarkdownMediaType, HtmlMediaType];

    public static AnswerMediaType? Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return AnswerMediaType.Json;
        }

        return AcceptNegotiation.Choose(accept, Offers) switch
        {
            0 => AnswerMediaType.Json,
            1 => AnswerMediaType.Markdown,
            2 => AnswerMediaType.Html,
            _ => null,
        };
    }

    /// <summary>
    /// Says that the form of the answer follows the request's Accept header (RFC 9110, section 12.5.5), so that a
    /// cache between the EHR and the service keeps the JSON, markdown and HTML forms apart.
    /// </summary>
    public static void VaryOnAccept(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
    }

    public static string ContentType(AnswerMediaType type) => type switch
    {
        AnswerMediaType.Markdown => "text/markdown; charset=utf-8",
        AnswerMediaType.Html => "text/html; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };
}
