namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>What a golden case asserts about the 2017 EULAR/ACR classification; see tests/cases/README.md.</summary>
public sealed record ClassificationExpectation
{
    public required bool BiopsyIncluded { get; init; }

    public required double Score { get; init; }

    public required double Probability { get; init; }

    public required string Category { get; init; }

    public double? MaxScore { get; init; }

    public double? MaxProbability { get; init; }

    public string? MaxCategory { get; init; }

    public string? Subgroup { get; init; }

    public IReadOnlyDictionary<string, string>? Items { get; init; }

    public IReadOnlyList<string>? ItemsAbsent { get; init; }

    public bool? Comparison { get; init; }
}
