namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>What a golden case asserts; see tests/cases/README.md.</summary>
public sealed record GoldenExpectation
{
    public string? Subtype { get; init; }

    public string? Certainty { get; init; }

    public IReadOnlyList<string>? Alerts { get; init; }

    public IReadOnlyDictionary<string, ItemExpectation>? Workup { get; init; }

    public IReadOnlyList<string>? WorkupAbsent { get; init; }

    public IReadOnlyDictionary<string, ItemExpectation>? Treatment { get; init; }

    public IReadOnlyList<string>? TreatmentAbsent { get; init; }

    public bool? NoTreatment { get; init; }

    public IReadOnlyList<string>? Missing { get; init; }

    public IReadOnlyList<string>? MissingAbsent { get; init; }

    public IReadOnlyDictionary<string, string>? DoseContains { get; init; }

    /// <summary>Rule or condition ids that must appear in <c>subtype.because</c> (a reading such as anti-Ku read as myositis-associated, or a withheld workup item's reason).</summary>
    public IReadOnlyList<string>? Because { get; init; }

    /// <summary>Per treatment id, a text that one of its cautions contains.</summary>
    public IReadOnlyDictionary<string, string>? CautionContains { get; init; }

    /// <summary>Per alert id, a text that its message contains.</summary>
    public IReadOnlyDictionary<string, string>? AlertContains { get; init; }

    /// <summary>A text that the answer's summary sentence contains (its next step, say).</summary>
    public string? SummaryContains { get; init; }

    /// <summary>Texts that appear nowhere in the answer's alert messages, workup items, treatment labels, doses and cautions (case-insensitive).</summary>
    public IReadOnlyList<string>? TextAbsent { get; init; }

    public ClassificationExpectation? Classification { get; init; }
}
