namespace ImnmDecision.Engine.Rules;

/// <summary>A named threshold or dose figure from <c>rules/ruleset.json</c>, with its sources.</summary>
public sealed record Parameter
{
    /// <summary>The name rules use, for example <c>ck.extremeTimesUln</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The value.</summary>
    public required double Value { get; init; }

    /// <summary>Unit.</summary>
    public required string Unit { get; init; }

    /// <summary>Why this value.</summary>
    public required string Rationale { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }
}
