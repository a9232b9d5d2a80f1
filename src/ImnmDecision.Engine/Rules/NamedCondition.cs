namespace ImnmDecision.Engine.Rules;

/// <summary>A condition defined once in <c>rules/ruleset.json</c> and used by rules as <c>{ "ref": name }</c>.</summary>
public sealed record NamedCondition
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>The condition.</summary>
    public required Condition When { get; init; }

    /// <summary>Why.</summary>
    public required string Rationale { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }
}
