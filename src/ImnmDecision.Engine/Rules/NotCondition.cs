using System.Linq.Expressions;
using ImnmDecision.Engine.Assessments;
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
        return outcome with { Truth = Negate(outcome.Truth) };
    }

    internal override ConditionTrace Trace(FactSet facts)
    {
        var inner = part.Trace(facts);
        return new ConditionTrace { Not = inner, Result = Negate(inner.Result) };
    }

    private static Truth Negate(Truth truth) => truth switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    public override string Describe() => $"not ({part.Describe()})";

    public override void CollectFacts(ICollection<FactDefinition> facts) => part.CollectFacts(facts);
}
