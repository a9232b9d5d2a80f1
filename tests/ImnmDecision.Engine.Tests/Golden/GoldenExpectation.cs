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

    public ClassificationExpectation? Classification { get; init; }
}
