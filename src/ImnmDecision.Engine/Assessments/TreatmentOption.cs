namespace ImnmDecision.Engine.Assessments;

/// <summary>A treatment option, with its dose and cautions for this patient.</summary>
public sealed record TreatmentOption
{
    /// <summary>The option id.</summary>
    public required TreatmentId Id { get; init; }

    /// <summary>A readable name.</summary>
    public required string Label { get; init; }

    /// <summary>Its place in the plan.</summary>
    public required TreatmentRole Role { get; init; }

    /// <summary>The dose, computed from weight where the weight is known.</summary>
    public DoseText? Dose { get; init; }

    /// <summary>Cautions for this patient; when <c>avoid</c> is true, the reason is here.</summary>
    public required IReadOnlyList<string> Cautions { get; init; }

    /// <summary>True when this patient should not get this option; it stays listed so the clinician sees why.</summary>
    public required bool Avoid { get; init; }

    /// <summary>The rule that offered it.</summary>
    public required string RuleId { get; init; }

    /// <summary>Citation ids, including those of the cautions that apply.</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>The rule's condition as it came out for this case, as the rule is written (built for single assessments only).</summary>
    public ConditionTrace? Trace { get => Traced.Trace; init => Traced = new(value); }

    /// <summary>The trace, or what it is built from when first read (the answers the engine builds).</summary>
    internal TraceSlot Traced { get; init; }

    /// <summary>The cautions shown, in the order of <c>cautions</c>, each with the trace of its condition.</summary>
    public IReadOnlyList<CautionTrace>? CautionTraces { get; init; }
}
