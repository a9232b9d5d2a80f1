using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>Negation; not unknown is unknown.</summary>
internal sealed class NotCondition(Condition part) : Condition
{
    public Condition Part => part;

    internal override Outcome Evaluate(FactSet facts)
    {
        var outcome = part.Evaluate(facts);
        var truth = outcome.Truth switch
        {
            Truth.True => Truth.False,
            Truth.False => Truth.True,
            _ => Truth.Unknown,
        };
        return outcome with { Truth = truth };
    }

    public override string Describe() => $"not ({part.Describe()})";

    public override void CollectFacts(ICollection<FactDefinition> facts) => part.CollectFacts(facts);
}
