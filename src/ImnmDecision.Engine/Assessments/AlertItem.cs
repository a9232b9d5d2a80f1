namespace ImnmDecision.Engine.Assessments;

/// <summary>A red-flag alert.</summary>
public sealed record AlertItem
{
    /// <summary>The alert id.</summary>
    public required AlertId Id { get; init; }

    /// <summary>How urgent it is.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>What to do, for the clinician.</summary>
    public required string Message { get; init; }

    /// <summary>The rule that raised it.</summary>
    public required string RuleId { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>The rule's condition as it came out for this case, as the rule is written (built for single assessments only).</summary>
    public ConditionTrace? Trace { get => Traced.Trace; init => Traced = new(value); }

    /// <summary>The trace, or what it is built from when first read (the answers the engine builds).</summary>
    internal TraceSlot Traced { get; init; }
}
