using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A node of a rule's <c>when</c> tree.</summary>
public abstract class Condition
{
    /// <summary>The fact slots this condition reads, as a bit mask (through named conditions too).</summary>
    internal ulong Slots { get; private protected set; }

    private Func<double[], bool>? compiled;

    /// <summary>
    /// The condition's outcome. When every fact it reads is known, which is most of the time, the plain
    /// two-valued test decides it (compiled, for a rule's condition); only otherwise is the unknown and absent
    /// bookkeeping done.
    /// </summary>
    internal Outcome Evaluate(FactSet facts)
    {
        if ((Slots & facts.UnknownSlots) != 0)
        {
            return EvaluateWithUnknowns(facts);
        }

        var holds = compiled is { } test ? test(facts.Raw) : Holds(facts);
        return holds ? Outcome.True : Outcome.False;
    }

    /// <summary>
    /// Whether the condition is true, for a rule: the same decision as <see cref="Evaluate"/>, with the fields
    /// that matter for it (see <see cref="Outcome.MissingFields"/>) added to <paramref name="missing"/>.
    /// </summary>
    internal bool IsTrue(FactSet facts, ref ulong missing)
    {
        if ((Slots & facts.UnknownSlots) == 0)
        {
            return compiled is { } test ? test(facts.Raw) : Holds(facts);
        }

        var outcome = EvaluateWithUnknowns(facts);
        missing |= outcome.MissingFields;
        return outcome.Truth == Truth.True;
    }

    /// <summary>
    /// Compiles the two-valued test of this condition (named conditions inlined) into one delegate, so a
    /// rule's condition is decided without walking its tree. Once the ruleset's named conditions are resolved.
    /// </summary>
    internal void Compile()
    {
        if (compiled is null)
        {
            var values = Expression.Parameter(typeof(double[]), "facts");
            compiled = Expression.Lambda<Func<double[], bool>>(HoldsExpression(values), values).Compile();
        }
    }

    /// <summary>Whether the condition holds; called only when every fact it reads is known.</summary>
    internal abstract bool Holds(FactSet facts);

    /// <summary>The expression of <see cref="Holds"/> over the array of fact values.</summary>
    internal abstract Expression HoldsExpression(ParameterExpression values);

    /// <summary>The three-valued outcome, with the fields that left it undecided or decided it by their absence.</summary>
    private protected abstract Outcome EvaluateWithUnknowns(FactSet facts);

    /// <summary>The condition in readable form, for reviewers and the rules endpoint.</summary>
    public abstract string Describe();

    /// <summary>Adds the facts this condition reads, each once, in reading order.</summary>
    public abstract void CollectFacts(ICollection<FactDefinition> facts);
}
