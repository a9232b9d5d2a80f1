using System.Text;

namespace ImnmDecision.Engine.Reports;

/// <summary>
/// The blocks a report is made of, written in one markup. <see cref="AssessmentReport"/> decides what is said and
/// in which order; a syntax only decides how it is spelled and escapes every text it is given.
/// </summary>
internal abstract class ReportSyntax(StringBuilder output)
{
    protected StringBuilder Output { get; } = output;

    /// <summary>
    /// Text the caller sent (the caseId) as a report may show it: control characters, line and paragraph separators
    /// and the Unicode direction controls become spaces. A direction override would make the report display the
    /// text in another order than it holds (the "Trojan Source" trick), in markdown and in HTML (as a character
    /// reference) alike.
    /// </summary>
    public static string Displayable(string text) =>
        text.AsSpan().IndexOfAny(Hidden) < 0 ? text : string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = Hidden.Contains(source[i]) ? ' ' : source[i];
            }
        });

    private static readonly System.Buffers.SearchValues<char> Hidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u061C', '\u200E', '\u200F', '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

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
