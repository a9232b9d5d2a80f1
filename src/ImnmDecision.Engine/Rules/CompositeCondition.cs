using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A condition over several parts, joined by a word when described.</summary>
internal abstract class CompositeCondition(Condition[] parts, string joiner) : Condition
{
    public IReadOnlyList<Condition> Parts => parts;

    protected Condition[] PartArray => parts;

    public override string Describe() =>
        string.Join($" {joiner} ", parts.Select(p => p is CompositeCondition ? $"({p.Describe()})" : p.Describe()));

    public override void CollectFacts(ICollection<FactDefinition> facts)
    {
        foreach (var part in parts)
        {
            part.CollectFacts(facts);
        }
    }
}
