using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// FHIR data mapped to findings, with the evidence behind each value (for the card's "why"), what was seen and
/// not used, and what could not be obtained.
/// </summary>
internal sealed record MappedCase
{
    /// <summary>The sections as mapped; those without data are null (unknown), never guessed.</summary>
    public required MappedSections Sections { get; init; }

    /// <summary>The engine's findings of <see cref="Sections"/>.</summary>
    public required Findings Findings { get; init; }

    /// <summary>The values used, with their dates, one line each (markdown-safe).</summary>
    public required IReadOnlyList<string> Evidence { get; init; }

    /// <summary>Data seen but not used, and why (markdown-safe).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Data asked for and not obtained.</summary>
    public required IReadOnlyList<DataGap> Gaps { get; init; }

    /// <summary>The anti-HMGCR result used, if any (the statin-order check reads it).</summary>
    public AntibodyReading? Hmgcr { get; init; }

    /// <summary>Whether a myositis result the lab calls abnormal was seen but could not be used (see <see cref="MappingReport"/>).</summary>
    public bool AbnormalResultNotUsed { get; init; }

    /// <summary>Whether any myositis-relevant result was found (CK, an antibody, a biopsy, or an abnormal one not used).</summary>
    public bool HasMyositisData =>
        Sections.Ck is not null || Sections.Antibodies is not null || Sections.Biopsy is not null || AbnormalResultNotUsed;

    /// <summary>Whether some requested data could not be obtained, so the guidance is incomplete.</summary>
    public bool Incomplete => Gaps.Any(g => g.Failed);
}
