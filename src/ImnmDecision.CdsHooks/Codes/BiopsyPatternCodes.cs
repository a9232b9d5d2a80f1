namespace ImnmDecision.CdsHooks.Codes;

/// <summary>How one biopsy pattern is recognised in a DiagnosticReport's <c>conclusionCode</c>.</summary>
internal sealed class BiopsyPatternCodes
{
    /// <summary>Codes that denote the pattern (a site's pathology codes).</summary>
    public List<CodeRef> Codes { get; set; } = [];

    /// <summary>
    /// Phrases that denote the pattern in the concept's text or display, matched case-insensitively; a text
    /// carrying a negation (no, not, without, negative) is never matched.
    /// </summary>
    public List<string> Text { get; set; } = [];
}
