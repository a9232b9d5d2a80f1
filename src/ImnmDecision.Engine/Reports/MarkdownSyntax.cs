using System.Text;

namespace ImnmDecision.Engine.Reports;

/// <summary>CommonMark: headings, paragraphs, nested lists; every text backslash-escaped where markdown would read it as markup.</summary>
internal sealed class MarkdownSyntax(StringBuilder output) : ReportSyntax(output)
{
    private readonly Stack<(bool Ordered, int Count)> lists = new();

    public override void BeginDocument(string title) => Output.Append("# ").Append(Escape(title)).Append("\n\n");

    public override void EndDocument()
    {
        while (Output.Length > 1 && Output[^1] == '\n' && Output[^2] == '\n')
        {
            Output.Length--;
        }
    }

    public override void Heading(int level, string text) => Output.Append('#', level).Append(' ').Append(Escape(text)).Append("\n\n");

    public override void Paragraph(string role, params Span[] spans)
    {
        Inline(spans);
        Output.Append("\n\n");
    }

    public override void BeginList(bool ordered, string role) => lists.Push((ordered, 0));

    public override void BeginItem(string? role, string? anchor, params Span[] spans)
    {
        var (ordered, count) = lists.Pop();
        lists.Push((ordered, ++count));
        Output.Append(' ', 2 * (lists.Count - 1)).Append(ordered ? $"{count}. " : "- ");
        if (anchor is not null)
        {
            Output.Append("<a id=\"").Append(anchor).Append("\"></a>");
        }

        Inline(spans);
        Output.Append('\n');
    }

    public override void EndItem()
    {
    }

    public override void EndList()
    {
        lists.Pop();
        if (lists.Count == 0)
        {
            Output.Append('\n');
        }
    }

    public override void BeginTrace(string ruleId)
    {
        BeginList(ordered: false, "trace");
        BeginItem(null, null, Span.Plain("rule "), Span.Code(ruleId));
        BeginList(ordered: false, "trace");
    }

    public override void EndTrace()
    {
        EndList();
        EndItem();
        EndList();
    }

    private void Inline(Span[] spans)
    {
        foreach (var span in spans)
        {
            _ = span.Kind switch
            {
                SpanKind.Strong => Output.Append("**").Append(Escape(span.Text)).Append("**"),
                SpanKind.Code => Output.Append('`').Append(span.Text.Replace("`", "'", StringComparison.Ordinal)).Append('`'),
                SpanKind.Cite => Output.Append("[\\[").Append(span.Number).Append("\\]](#").Append(Anchor(span.Number)).Append(')'),
                SpanKind.Link => Output.Append('<').Append(span.Text).Append('>'),
                SpanKind.Check => Output.Append(span.Number == 1 ? "[x] " : "[ ] "),
                _ => Output.Append(Escape(span.Text)),
            };
        }
    }

    /// <summary>
    /// The ':' of <c>https://</c> or the '.' of <c>www.</c>: GitHub-flavoured markdown turns such bare text into a link
    /// (as it does an e-mail address, hence '@' above), so a caseId could otherwise carry a link into a rendered report.
    /// </summary>
    private static bool IsAutolinkMark(string text, int i) =>
        (text[i] == ':' && i + 1 < text.Length && text[i + 1] == '/')
        || (text[i] == '.' && i >= 3 && text.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Backslash-escapes what markdown reads as markup (CommonMark: any ASCII punctuation may be escaped); line
    /// breaks and every other control character become spaces, so a caseId cannot carry terminal escape
    /// sequences (ESC, BEL, backspace) into a report printed by <c>imnm explain</c> or fetched with curl.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '#' or '|' or '~' or '@' || IsAutolinkMark(text, i))
            {
                escaped.Append('\\');
            }

            escaped.Append(char.IsControl(c) ? ' ' : c);
        }

        return escaped.ToString();
    }
}
