using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A node of a rule's <c>when</c> tree.</summary>
public abstract class Condition
{
    internal abstract Outcome Evaluate(FactSet facts);

    /// <summary>The condition in readable form, for reviewers and the rules endpoint.</summary>
    public abstract string Describe();

    /// <summary>Adds the facts this condition reads, each once, in reading order.</summary>
    public abstract void CollectFacts(ICollection<FactDefinition> facts);
}
