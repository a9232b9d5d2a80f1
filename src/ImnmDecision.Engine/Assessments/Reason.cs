namespace ImnmDecision.Engine.Assessments;

/// <summary>One rule that decided part of the answer (or a reading of the findings the ruleset explains), with the facts it read and their values.</summary>
public sealed record Reason
{
    /// <summary>The rule's id, or <c>condition.</c> and the name of a named condition that explains a reading of the findings.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule's rationale, in a sentence.</summary>
    public required string Statement { get; init; }

    /// <summary>The facts the rule read and their values (<c>null</c> where unknown).</summary>
    public required IReadOnlyDictionary<string, object?> Facts { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>The rule's condition as it came out for this case, as the rule is written (built for single assessments only).</summary>
    public ConditionTrace? Trace { get => Traced.Trace; init => Traced = new(value); }

    /// <summary>The trace, or what it is built from when first read (the answers the engine builds).</summary>
    internal TraceSlot Traced { get; init; }
}
