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

    /// <summary>
    /// Whether the answer's <c>because</c> lists this condition (its rationale as the statement) whenever it holds:
    /// for a reading of the findings a clinician should see, such as an antibody read as another kind.
    /// </summary>
    public bool Explains { get; init; }

    /// <summary>The facts its condition reads, in order of first use.</summary>
    public IReadOnlyList<Facts.FactDefinition> FactsRead { get; init; } = [];
}
