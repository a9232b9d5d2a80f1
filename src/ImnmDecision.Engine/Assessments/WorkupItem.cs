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
    public ConditionTrace? Trace { get => Traced.Trace; init => Traced = new(value); }

    /// <summary>The trace, or what it is built from when first read (the answers the engine builds).</summary>
    internal TraceSlot Traced { get; init; }

    /// <summary>
    /// The risk stratification the item follows (for <c>cancer-screening</c>: <c>imacs-2023-cancer-risk</c>); absent
    /// when the item carries none. The fields below come with it.
    /// </summary>
    public string? RiskStratification { get; init; }

    /// <summary>
    /// The risk category the factors held by the findings reach (IMACS 2023 cancer risk: <c>standard</c>,
    /// <c>moderate</c> or <c>high</c>). Unknown factors count as absent here; those that could raise it are in
    /// <c>riskFactorsCouldRaise</c>.
    /// </summary>
    public string? RiskCategory { get; init; }

    /// <summary>The risk factors the findings hold, each with its tier: these set the category.</summary>
    public IReadOnlyList<RiskFactorItem>? RiskFactors { get; init; }

    /// <summary>
    /// Risk factors not known that would raise the category if present, with the findings that would tell
    /// (none when no finding of this service records the factor: ask the patient or check the record).
    /// </summary>
    public IReadOnlyList<RiskFactorItem>? RiskFactorsCouldRaise { get; init; }

    /// <summary>What the category calls for, step by step.</summary>
    public IReadOnlyList<ScheduleItem>? Schedule { get; init; }

    /// <summary>Cautions on the schedule for this patient (imaging in pregnancy, for example).</summary>
    public IReadOnlyList<string>? Cautions { get; init; }
}
