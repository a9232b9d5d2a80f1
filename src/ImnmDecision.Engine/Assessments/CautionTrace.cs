namespace ImnmDecision.Engine.Assessments;

/// <summary>A caution shown on a treatment option, with the trace of the condition that made it apply.</summary>
public sealed record CautionTrace
{
    /// <summary>The caution as shown in the option's <c>cautions</c>.</summary>
    public required string Text { get; init; }

    /// <summary>Its condition as it came out for this case; absent for a caution that always applies.</summary>
    public ConditionTrace? Trace { get => Traced.Trace; init => Traced = new(value); }

    /// <summary>The trace, or what it is built from when first read (the answers the engine builds).</summary>
    internal TraceSlot Traced { get; init; }
}
