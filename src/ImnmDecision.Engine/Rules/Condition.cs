using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A node of a rule's <c>when</c> tree.</summary>
public abstract class Condition
{
    /// <summary>The fact slots this condition reads, as a bit mask (through named conditions too).</summary>
    internal ulong Slots { get; private protected set; }

    /// <summary>A decision: the condition is false.</summary>
    internal const int False = 0;

    /// <summary>A decision: the condition is true (and every fact it reads is known).</summary>
    internal const int True = 1;

    /// <summary>A decision: the condition needs the unknown and absent bookkeeping.</summary>
    internal const int Undecided = 2;

    private Func<double[], ulong, int>? decide;

    /// <summary>
    /// The condition's outcome. When every fact it reads is known, which is most of the time, the plain
    /// two-valued test decides it; otherwise a condition that is false whatever the unknown facts are is false;
    /// only the rest needs the unknown and absent bookkeeping. A compiled condition tells which at once.
    /// </summary>
    internal Outcome Evaluate(FactSet facts) => Decide(facts) switch
    {
        True => Outcome.True,
        False => Outcome.False,
        _ => EvaluateWithUnknowns(facts),
    };

    /// <summary>
    /// Whether the condition is true, for a rule: the same decision as <see cref="Evaluate"/>, with the fields
    /// that matter for it (see <see cref="Outcome.MissingFields"/>) added to <paramref name="missing"/>. A false
    /// outcome names no field, so only a condition that is true or undecided with unknown facts is walked.
    /// </summary>
    internal bool IsTrue(FactSet facts, ref ulong missing)
    {
        var decision = Decide(facts);
        if (decision != Undecided)
        {
            return decision == True;
        }

        var outcome = EvaluateWithUnknowns(facts);
        missing |= outcome.MissingFields;
        return outcome.Truth == Truth.True;
    }

    /// <summary>
    /// Compiles this condition (named conditions inlined) into one delegate over the fact values (unknown ones
    /// NaN) and the mask of unknown slots: with every fact it reads known, whether it holds; otherwise false
    /// when it is certainly false by the three-valued rules (Kleene logic), and undecided when it needs the
    /// walk. So a rule's condition is mostly decided without walking its tree. Once the ruleset's named
    /// conditions are resolved.
    /// </summary>
    internal void Compile()
    {
        if (decide is null)
        {
            var values = Expression.Parameter(typeof(double[]), "facts");
            var unknown = Expression.Parameter(typeof(ulong), "unknownSlots");
            decide = Expression.Lambda<Func<double[], ulong, int>>(DecisionExpression(values, unknown), values, unknown).Compile();
        }
    }

    /// <summary>
    /// The decision as an expression over the fact values and the unknown slots: <see cref="True"/> or
    /// <see cref="False"/> when that is certain without the bookkeeping, otherwise <see cref="Undecided"/>.
    /// </summary>
    internal Expression DecisionExpression(ParameterExpression values, ParameterExpression unknownSlots)
    {
        var allKnown = Expression.Equal(Expression.And(Expression.Constant(Slots), unknownSlots), Expression.Constant(0UL));
        return Expression.Condition(
            allKnown,
            Expression.Condition(CertainlyExpression(values, true), Expression.Constant(True), Expression.Constant(False)),
            Expression.Condition(CertainlyExpression(values, false), Expression.Constant(False), Expression.Constant(Undecided)));
    }

    /// <summary>True or false when that is certain without the bookkeeping, otherwise undecided.</summary>
    private int Decide(FactSet facts)
    {
        if (decide is { } compiled)
        {
            return compiled(facts.Raw, facts.UnknownSlots);
        }

        return (Slots & facts.UnknownSlots) != 0 ? Undecided : Holds(facts) ? True : False;
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

    /// <summary>The condition in readable form, for reviewers and the rules endpoint.</summary>
    public abstract string Describe();

    /// <summary>Adds the facts this condition reads, each once, in reading order.</summary>
    public abstract void CollectFacts(ICollection<FactDefinition> facts);
}
