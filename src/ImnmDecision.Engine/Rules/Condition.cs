using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A node of a rule's <c>when</c> tree.</summary>
public abstract class Condition
{
    /// <summary>The fact slots this condition reads, as a bit mask (through named conditions too).</summary>
    internal ulong Slots { get; private protected set; }

    /// <summary>
    /// The condition's outcome. When every fact it reads is known, which is most of the time, the plain
    /// two-valued <see cref="Holds"/> decides it; only otherwise is the unknown and absent bookkeeping done.
    /// </summary>
    internal Outcome Evaluate(FactSet facts) =>
        (Slots & facts.UnknownSlots) == 0 ? Outcome.Of(Holds(facts)) : EvaluateWithUnknowns(facts);

    /// <summary>Whether the condition holds; called only when every fact it reads is known.</summary>
    internal abstract bool Holds(FactSet facts);

    /// <summary>The three-valued outcome, with the fields that left it undecided or decided it by their absence.</summary>
    private protected abstract Outcome EvaluateWithUnknowns(FactSet facts);

    /// <summary>The condition in readable form, for reviewers and the rules endpoint.</summary>
    public abstract string Describe();

    /// <summary>Adds the facts this condition reads, each once, in reading order.</summary>
    public abstract void CollectFacts(ICollection<FactDefinition> facts);
}
