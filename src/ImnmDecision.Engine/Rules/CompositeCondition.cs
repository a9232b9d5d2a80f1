using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A condition over several parts, joined by a word when described.</summary>
internal abstract class CompositeCondition : Condition
{
    private readonly Condition[] parts;
    private readonly string joiner;

    protected CompositeCondition(Condition[] parts, string joiner)
    {
        this.parts = parts;
        this.joiner = joiner;
        Slots = SlotMask.Union(parts.Select(part => part.Slots));
    }

    public IReadOnlyList<Condition> Parts => parts;

    protected Condition[] PartArray => parts;

    /// <summary>The traces of the parts, in order.</summary>
    private protected ConditionTrace[] TraceParts(FactSet facts) => [.. parts.Select(p => p.Trace(facts))];

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
