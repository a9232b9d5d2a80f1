namespace ImnmDecision.Engine.Assessments;

/// <summary>One item of the workup checklist.</summary>
public sealed record WorkupItem
{
    /// <summary>The item id.</summary>
    public required WorkupId Id { get; init; }

    /// <summary>What to order.</summary>
    public required string Label { get; init; }

    /// <summary>How strongly it is suggested.</summary>
    public required WorkupPriority Priority { get; init; }

    /// <summary>Outstanding, or done when the findings already hold the result.</summary>
    public required WorkupStatus Status { get; init; }

    /// <summary>Why, for this patient.</summary>
    public required string Reason { get; init; }

    /// <summary>The rule that listed it.</summary>
    public required string RuleId { get; init; }

    /// <summary>Citation ids.</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>The rule's condition as it came out for this case, as the rule is written (built for single assessments only).</summary>
    public ConditionTrace? Trace { get; init; }
}
