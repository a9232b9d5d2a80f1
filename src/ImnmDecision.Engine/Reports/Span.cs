namespace ImnmDecision.Engine.Reports;

/// <summary>A piece of inline text in a report: plain, strong, code, a numbered citation mark, or a link.</summary>
internal readonly record struct Span(SpanKind Kind, string Text, int Number = 0)
{
    public static Span Plain(string text) => new(SpanKind.Plain, text);

    public static Span Strong(string text) => new(SpanKind.Strong, text);

    public static Span Code(string text) => new(SpanKind.Code, text);

    public static Span Cite(int number) => new(SpanKind.Cite, "", number);

    public static Span Link(string url) => new(SpanKind.Link, url);

    /// <summary>A checklist box, ticked when <paramref name="done"/>.</summary>
    public static Span Check(bool done) => new(SpanKind.Check, "", done ? 1 : 0);
}
