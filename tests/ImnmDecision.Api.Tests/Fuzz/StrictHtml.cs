using System.Text.RegularExpressions;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// A strict reading of the HTML report (the repository has no HTML parser): only the elements and attributes the
/// renderer writes, every attribute double-quoted, every element closed in order, no comment, no raw '&lt;' or
/// '&gt;' in text, entities well-formed, links only to http(s) or the page's own numbered references.
/// </summary>
internal static partial class StrictHtml
{
    private const string Doctype = "<!DOCTYPE html>\n";

    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "code", "a", "span", "details", "summary",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal) { "lang", "charset", "name", "content", "class", "id", "href", "rel" };

    /// <summary>The first fault, or null when the page reads cleanly.</summary>
    public static string? Fault(string html)
    {
        if (!html.StartsWith(Doctype, StringComparison.Ordinal))
        {
            return "no doctype";
        }

        var open = new Stack<string>();
        var at = Doctype.Length;
        while (at < html.Length)
        {
            var lt = html.IndexOf('<', at);
            if (Text(html[at..(lt < 0 ? html.Length : lt)]) is { } textFault)
            {
                return textFault;
            }

            if (lt < 0)
            {
                break;
            }

            var gt = html.IndexOf('>', lt);
            if (gt < 0)
            {
                return "a tag never closed";
            }

            var tag = html[(lt + 1)..gt];
            at = gt + 1;
            if (tag.StartsWith('/'))
            {
                if (open.Count == 0 || open.Pop() != tag[1..])
                {
                    return $"</{tag[1..]}> closes nothing open";
                }

                continue;
            }

            var match = Tag().Match(tag);
            if (!match.Success || !Elements.Contains(match.Groups["name"].Value))
            {
                return $"an unexpected tag <{tag}>";
            }

            var name = match.Groups["name"].Value;
            foreach (Capture attribute in match.Groups["attr"].Captures)
            {
                var parts = attribute.Value.Trim().Split('=', 2);
                if (!Attributes.Contains(parts[0]) || (parts[0] == "href" && !SafeHref().IsMatch(parts[1])))
                {
                    return $"an unexpected attribute {attribute.Value} on <{name}>";
                }
            }

            if (name == "style")
            {
                var end = html.IndexOf("</style>", at, StringComparison.Ordinal);
                if (end < 0 || html.AsSpan(at, end - at).Contains('<'))
                {
                    return "a style element that holds markup";
                }

                at = end + "</style>".Length;
            }
            else if (name != "meta")
            {
                open.Push(name);
            }
        }

        return open.Count == 0 ? null : $"<{open.Peek()}> never closed";
    }

    private static string? Text(string text) =>
        text.Contains('>', StringComparison.Ordinal) ? "a raw '>' in text"
        : Ampersand().IsMatch(text) ? "a raw '&' in text"
        : null;

    [GeneratedRegex("""^(?<name>[a-z][a-z0-9]*)(?<attr> [a-z-]+="[^"<>]*")*$""")]
    private static partial Regex Tag();

    [GeneratedRegex("""^"(#ref-[0-9]+|https?://[^"\s]+)"$""")]
    private static partial Regex SafeHref();

    [GeneratedRegex("&(?!(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);)")]
    private static partial Regex Ampersand();
}
