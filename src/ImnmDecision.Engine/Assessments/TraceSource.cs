using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// What an item's rule trace is made of: the rule's condition and the case's final facts (a copy, so the trace
/// does not change when the engine's buffers serve the next case). The trace objects are built when first read
/// (the serializer's answer, the reports, tests); the single endpoint's writer writes the trace straight from
/// the condition and the facts instead (<see cref="Answers.Fast.ConditionJson"/>), so its answer builds none.
/// </summary>
internal sealed class TraceSource(Condition condition, FactSet facts)
{
    private ConditionTrace? built;

    /// <summary>The condition traced.</summary>
    public Condition Condition => condition;

    /// <summary>The facts it is traced on.</summary>
    public FactSet Facts => facts;

    /// <summary>The trace, built once (a benign race: two threads build equal traces).</summary>
    public ConditionTrace Trace => built ??= condition.Trace(facts);

    /// <summary>A copy of <paramref name="facts"/>' values, for the traces of one answer.</summary>
    public static FactSet Snapshot(FactSet facts)
    {
        var copy = FactSet.ValuesOnly();
        var values = facts.Values;
        for (var slot = 0; slot < values.Length; slot++)
        {
            if (!double.IsNaN(values[slot]))
            {
                copy.Set(slot, values[slot]);
            }
        }

        return copy;
    }
}
