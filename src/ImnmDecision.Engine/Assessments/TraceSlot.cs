namespace ImnmDecision.Engine.Assessments;

/// <summary>An item's trace: given as built, or as its <see cref="Assessments.TraceSource"/> (built when first read).</summary>
internal readonly struct TraceSlot
{
    private readonly ConditionTrace? trace;

    public TraceSlot(ConditionTrace? trace) => this.trace = trace;

    public TraceSlot(TraceSource? source) => Source = source;

    /// <summary>The trace's source, when the engine built the item.</summary>
    public TraceSource? Source { get; }

    /// <summary>The trace.</summary>
    public ConditionTrace? Trace => Source?.Trace ?? trace;
}
