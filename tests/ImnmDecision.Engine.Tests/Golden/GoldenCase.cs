using System.Text.Json;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>One clinical case file from tests/cases: findings and what the answer must show.</summary>
public sealed record GoldenCase
{
    public required string Description { get; init; }

    public required JsonElement Findings { get; init; }

    public required GoldenExpectation Expect { get; init; }

    public Findings ReadFindings() => Findings.Deserialize<Findings>(Serialization.ImnmJson.Options)!;
}
