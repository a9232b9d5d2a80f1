using System.Text;

namespace ImnmDecision.Engine.Reports;

/// <summary>
/// The blocks a report is made of, written in one markup. <see cref="AssessmentReport"/> decides what is said and
/// in which order; a syntax only decides how it is spelled and escapes every text it is given.
/// </summary>
internal abstract class ReportSyntax(StringBuilder output)
{
    protected StringBuilder Output { get; } = output;

    /// <summary>Text the caller sent (the caseId) as a report may show it: hidden characters as spaces (<see cref="DisplayText"/>).</summary>
    public static string Displayable(string text) => DisplayText.Replace(text, ' ');

    public abstract void BeginDocument(string title);

    public abstract void EndDocument();

    public abstract void Heading(int level, string text);

    /// <summary>A paragraph; <paramref name="role"/> names its purpose (summary, subtype, footer) for styling.</summary>
    public abstract void Paragraph(string role, params Span[] spans);

    public abstract void BeginList(bool ordered, string role);

    /// <summary>A list item; <paramref name="anchor"/> makes it a link target (a numbered reference).</summary>
    public abstract void BeginItem(string? role, string? anchor, params Span[] spans);

    public abstract void EndItem();

    public abstract void EndList();

    /// <summary>A rule's trace: folded away in HTML, a nested list in markdown.</summary>
    public abstract void BeginTrace(string ruleId);

    public abstract void EndTrace();

    public static string Anchor(int citation) => $"ref-{citation}";
}
