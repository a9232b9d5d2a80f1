using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A node of a rule's <c>when</c> tree.</summary>
public abstract class Condition
{
    /// <summary>The fact slots this condition reads, as a bit mask (through named conditions too).</summary>
    internal ulong Slots { get; private protected set; }

    private Func<double[], bool>? isTrue;
    private Func<double[], bool>? isFalse;

    /// <summary>
    /// The condition's outcome. When every fact it reads is known, which is most of the time, the plain
    /// two-valued test decides it; otherwise a condition that is false whatever the unknown facts are is false
    /// (a compiled rule's condition tells at once); only the rest needs the unknown and absent bookkeeping.
    /// </summary>
    internal Outcome Evaluate(FactSet facts)
    {
        if ((Slots & facts.UnknownSlots) == 0)
        {
            var holds = isTrue is { } test ? test(facts.Raw) : Holds(facts);
            return holds ? Outcome.True : Outcome.False;
        }

        return isFalse is { } refuted && refuted(facts.Raw) ? Outcome.False : EvaluateWithUnknowns(facts);
    }

    /// <summary>
    /// Whether the condition is true, for a rule: the same decision as <see cref="Evaluate"/>, with the fields
    /// that matter for it (see <see cref="Outcome.MissingFields"/>) added to <paramref name="missing"/>. A false
    /// outcome names no field, so only a condition that is true or undecided with unknown facts is walked.
    /// </summary>
    internal bool IsTrue(FactSet facts, ref ulong missing)
    {
        if ((Slots & facts.UnknownSlots) == 0)
        {
            return isTrue is { } test ? test(facts.Raw) : Holds(facts);
        }

        if (isFalse is { } refuted && refuted(facts.Raw))
        {
            return false;
        }

        var outcome = EvaluateWithUnknowns(facts);
        missing |= outcome.MissingFields;
        return outcome.Truth == Truth.True;
    }

    /// <summary>
    /// Compiles this condition (named conditions inlined) into two delegates over the fact values, unknown
    /// ones NaN: whether it is certainly true, and whether it is certainly false, by the three-valued rules
    /// (Kleene logic). So a rule's condition is mostly decided without walking its tree. Once the ruleset's
    /// named conditions are resolved.
    /// </summary>
    internal void Compile()
    {
        if (isTrue is null || isFalse is null)
        {
            var values = Expression.Parameter(typeof(double[]), "facts");
            isTrue = Expression.Lambda<Func<double[], bool>>(CertainlyExpression(values, true), values).Compile();
            isFalse = Expression.Lambda<Func<double[], bool>>(CertainlyExpression(values, false), values).Compile();
        }
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
