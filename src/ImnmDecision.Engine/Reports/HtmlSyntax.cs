using System.Text;
using System.Text.Encodings.Web;

namespace ImnmDecision.Engine.Reports;

/// <summary>A complete HTML page: every text and attribute HTML-encoded, styles inline, links only to http(s) URLs and the page's own anchors.</summary>
internal sealed class HtmlSyntax(StringBuilder output) : ReportSyntax(output)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private readonly Stack<string> lists = new();

    public override void BeginDocument(string title)
    {
        Output.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encoder.Encode(title)).Append("</title>\n")
            .Append("<style>\n").Append(AssessmentReport.Stylesheet).Append("</style>\n</head>\n<body>\n<main class=\"imnm-report\">\n")
            .Append("<h1>").Append(Encoder.Encode(title)).Append("</h1>\n");
    }

    public override void EndDocument() => Output.Append("</main>\n</body>\n</html>\n");

    public override void Heading(int level, string text) =>
        Output.Append("<h").Append(level).Append('>').Append(Encoder.Encode(text)).Append("</h").Append(level).Append(">\n");

    public override void Paragraph(string role, params Span[] spans)
    {
        Output.Append("<p class=\"").Append(Encoder.Encode(role)).Append("\">");
        Inline(spans);
        Output.Append("</p>\n");
    }

    public override void BeginList(bool ordered, string role)
    {
        var tag = ordered ? "ol" : "ul";
        lists.Push(tag);
        Output.Append('<').Append(tag).Append(" class=\"").Append(Encoder.Encode(role)).Append("\">\n");
    }

    public override void BeginItem(string? role, string? anchor, params Span[] spans)
    {
        Output.Append("<li");
        if (role is not null)
        {
            Output.Append(" class=\"").Append(Encoder.Encode(role)).Append('"');
        }

        if (anchor is not null)
        {
            Output.Append(" id=\"").Append(Encoder.Encode(anchor)).Append('"');
        }

        Output.Append('>');
        Inline(spans);
        Output.Append('\n');
    }

    public override void EndItem() => Output.Append("</li>\n");

    public override void EndList() => Output.Append("</").Append(lists.Pop()).Append(">\n");

    public override void BeginTrace(string ruleId)
    {
        Output.Append("<details><summary>rule <code>").Append(Encoder.Encode(ruleId)).Append("</code></summary>\n");
        BeginList(ordered: false, "trace");
    }

    public override void EndTrace()
    {
        EndList();
        Output.Append("</details>\n");
    }

    private void Inline(Span[] spans)
    {
        foreach (var span in spans)
        {
            var text = Encoder.Encode(span.Text);
            _ = span.Kind switch
            {
                SpanKind.Strong => Output.Append("<strong>").Append(text).Append("</strong>"),
                SpanKind.Code => Output.Append("<code>").Append(text).Append("</code>"),
                SpanKind.Cite => Output.Append("<a class=\"cite\" href=\"#").Append(Anchor(span.Number)).Append("\">[").Append(span.Number).Append("]</a>"),
                SpanKind.Check => Output.Append(span.Number == 1 ? "<span class=\"check\">&#x2611;</span> " : "<span class=\"check\">&#x2610;</span> "),
                SpanKind.Link => Output.Append("<a class=\"link\" href=\"").Append(text).Append("\" rel=\"noopener noreferrer\">").Append(text).Append("</a>"),
                _ => Output.Append(text),
            };
        }
    }
}
