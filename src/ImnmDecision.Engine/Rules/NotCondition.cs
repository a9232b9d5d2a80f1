using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>Negation; not unknown is unknown.</summary>
internal sealed class NotCondition : Condition
{
    private readonly Condition part;

    public NotCondition(Condition part)
    {
        this.part = part;
        Slots = part.Slots;
    }

    public Condition Part => part;

    internal override bool Holds(FactSet facts) => !part.Holds(facts);

    internal override Expression CertainlyExpression(ParameterExpression values, bool truth) => part.CertainlyExpression(values, !truth);

    private protected override Outcome EvaluateWithUnknowns(FactSet facts)
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
