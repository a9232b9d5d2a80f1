using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>True when every part is true; false when any is false; otherwise unknown. No parts is true.</summary>
internal sealed class AllCondition(Condition[] parts) : Condition
{
    public IReadOnlyList<Condition> Parts => parts;

    internal override Outcome Evaluate(FactSet facts)
    {
        var unknown = 0UL;
        var absent = 0UL;
        var anyUnknown = false;
        foreach (var part in parts)
        {
            var outcome = part.Evaluate(facts);
            if (outcome.Truth == Truth.False)
            {
                return Outcome.False;
            }

            anyUnknown |= outcome.Truth == Truth.Unknown;
            unknown |= outcome.Unknown;
            absent |= outcome.Absent;
        }

        return new Outcome(anyUnknown ? Truth.Unknown : Truth.True, anyUnknown ? unknown : 0, absent);
    }

    public override string Describe() =>
        parts.Length == 0 ? "always" : string.Join(" and ", parts.Select(p => p is LeafCondition or NotCondition or RefCondition ? p.Describe() : $"({p.Describe()})"));

    public override void CollectFacts(ICollection<FactDefinition> facts)
    {
        foreach (var part in parts)
        {
            part.CollectFacts(facts);
        }
    }
}
