namespace ImnmDecision.Engine.Reports;

/// <summary>The forms of the readable report: the same content, rendered by <see cref="AssessmentReport"/>.</summary>
public enum ReportFormat
{
    /// <summary>CommonMark (<c>text/markdown</c>): for terminals, notes and anything that renders markdown.</summary>
    Markdown,

    /// <summary>A complete, printable HTML page (<c>text/html</c>) with its styles inline; every text is HTML-encoded.</summary>
    Html,
}
