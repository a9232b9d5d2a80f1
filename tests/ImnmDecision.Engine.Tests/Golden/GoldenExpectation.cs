namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>What a golden case asserts; see tests/cases/README.md.</summary>
public sealed record GoldenExpectation
{
    public required string Subtype { get; init; }

    public required string Certainty { get; init; }

    public required IReadOnlyList<string> Alerts { get; init; }

    public IReadOnlyDictionary<string, ItemExpectation>? Workup { get; init; }

    public IReadOnlyList<string>? WorkupAbsent { get; init; }

    public IReadOnlyDictionary<string, ItemExpectation>? Treatment { get; init; }

    public IReadOnlyList<string>? TreatmentAbsent { get; init; }

    public bool? NoTreatment { get; init; }

    public IReadOnlyList<string>? Missing { get; init; }

    public IReadOnlyList<string>? MissingAbsent { get; init; }

    public IReadOnlyDictionary<string, string>? DoseContains { get; init; }

    /// <summary>Rule ids that must appear in <c>subtype.because</c> (a withheld workup item's reason, for example).</summary>
    public IReadOnlyList<string>? Because { get; init; }
}
