namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// How one concept is recognised in a coded element: a biopsy pattern or item in a DiagnosticReport's
/// <c>conclusionCode</c>, a finding in a Condition's or Observation's <c>code</c>.
/// </summary>
internal sealed class BiopsyPatternCodes
{
    /// <summary>Codes that denote the concept (SNOMED CT, or a site's local codes).</summary>
    public List<CodeRef> Codes { get; set; } = [];

    /// <summary>
    /// Phrases that denote the concept in the element's text or display, matched case-insensitively; a text
    /// carrying a negation (no, not, without, negative) is never matched.
    /// </summary>
    public List<string> Text { get; set; } = [];
}
