using System.Linq.Expressions;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A node of a rule's <c>when</c> tree.</summary>
public abstract class Condition
{
    /// <summary>The last trace built (<see cref="SharedTrace"/>); replaced whole, so threads never see half of one.</summary>

    /// <summary>What the answer writer keeps of this node (its trace's fixed JSON), built on first use.</summary>
    internal object? AnswerFragments { get; set; }

    // The first word of Slots and its bits, and whether it has more, held here: Evaluate tests them without a call.
    private int slotsWord;
    private ulong slotsBits;
    private bool slotsSpanWords;

    /// <summary>The fact slots this condition reads (through named conditions too).</summary>
    internal SlotMask Slots
    {
        get;
        private protected set
        {
            field = value;
            (slotsWord, slotsBits, slotsSpanWords) = (value.FirstWord, value.FirstBits, value.SpansWords);
        }
    } = SlotMask.Empty;

    /// <summary>A decision: the condition is false.</summary>
    internal const int False = 0;

    /// <summary>A decision: the condition is true (and every fact it reads is known).</summary>
    internal const int True = 1;

    /// <summary>A decision: the condition needs the unknown and absent bookkeeping.</summary>
    internal const int Undecided = 2;

    /// <summary>
    /// The condition's outcome. When every fact it reads is known, which is most of the time, the plain
    /// two-valued test decides it; only otherwise is the unknown and absent bookkeeping done. (A rule's
    /// condition is mostly decided before this, compiled with its kind: see <see cref="DecisionExpression"/>.)
    /// </summary>
    internal Outcome Evaluate(FactSet facts)
    {
        // Whether every fact it reads is known, its first word of slots tested here (a call costs more than the test).
        var unknown = facts.UnknownSlots;
        var allKnown = (unknown[slotsWord] & slotsBits) == 0 && !(slotsSpanWords && Slots.AnyInLaterWords(unknown));
        return allKnown ? (Holds(facts) ? Outcome.True : Outcome.False) : EvaluateWithUnknowns(facts);
    }

    /// <summary>
    /// The condition's truth, adding to <paramref name="missing"/> the fields its outcome names: <see cref="Evaluate"/>
    /// for a caller that needs only these (a rule in its kind's walk), without carrying the whole outcome when every
    /// fact it reads is known.
    /// </summary>
    internal Truth Decide(FactSet facts, ref FieldMask missing)
    {
        var unknown = facts.UnknownSlots; // as in Evaluate
        var allKnown = (unknown[slotsWord] & slotsBits) == 0 && !(slotsSpanWords && Slots.AnyInLaterWords(unknown));
        return allKnown ? (Holds(facts) ? Truth.True : Truth.False) : DecideWithSomeUnknown(facts, ref missing);
    }

    /// <summary><see cref="Decide"/> for a caller that knows a fact the condition reads is unknown (its compiled decision said so).</summary>
    internal Truth DecideWithSomeUnknown(FactSet facts, ref FieldMask missing)
    {
        var outcome = EvaluateWithUnknowns(facts);
        missing |= outcome.MissingFields;
        return outcome.Truth;
    }

    /// <summary>
    /// The decision as an expression (named conditions inlined) over the fact values (unknown ones NaN) and the
    /// mask of unknown slots: with every fact it reads known, <see cref="True"/> or <see cref="False"/> as it
    /// holds; otherwise <see cref="False"/> when it is false whatever the unknown facts are (Kleene logic: a false
    /// outcome names no missing field), else <see cref="Undecided"/>, for the walk with its bookkeeping.
    /// </summary>
    internal Expression DecisionExpression(ParameterExpression values, ParameterExpression unknownSlots)
    {
        var allKnown = Slots.NoneInExpression(unknownSlots);
        return Expression.Condition(
            allKnown,
            Expression.Condition(CertainlyExpression(values, true), Expression.Constant(True), Expression.Constant(False)),
            Expression.Condition(CertainlyExpression(values, false), Expression.Constant(False), Expression.Constant(Undecided)));
    }

    /// <summary>Whether the condition holds; called only when every fact it reads is known.</summary>
    internal abstract bool Holds(FactSet facts);

    /// <summary>
    /// The expression "the condition is certainly <paramref name="truth"/>" over the array of fact values, where
    /// an unknown fact is NaN: its outcome is <paramref name="truth"/>, not the other value or unknown.
    /// </summary>
    internal abstract Expression CertainlyExpression(ParameterExpression values, bool truth);

    /// <summary>The three-valued outcome, with the fields that left it undecided or decided it by their absence.</summary>
    private protected abstract Outcome EvaluateWithUnknowns(FactSet facts);

    /// <summary>
    /// The condition as it comes out on these facts, node for node, with the value seen at each fact test: the
    /// trace of a single assessment. Not used by batches, which need only the decisions.
    /// </summary>
    internal abstract ConditionTrace Trace(FactSet facts);

    /// <summary>
    /// <see cref="Trace"/>, built once for each version of a case's facts: a named condition that many rules
    /// share is traced once per answer, and its trace object stands in each rule's trace that names it. The memo
    /// is the facts' own (<see cref="FactSet.Derived"/>), so answers made at once on other threads never displace it.
    /// </summary>
    internal ConditionTrace SharedTrace(FactSet facts) => facts.Derived(this, Trace);

    /// <summary>The condition in readable form, for reviewers and the rules endpoint.</summary>
    public abstract string Describe();

    /// <summary>Adds the facts this condition reads, each once, in reading order.</summary>
    public abstract void CollectFacts(ICollection<FactDefinition> facts);
}
