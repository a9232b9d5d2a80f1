using System.Linq.Expressions;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A named condition from <c>ruleset.json</c>, so a shared gate is written and reviewed once.</summary>
internal sealed class RefCondition(string name) : Condition
{
    private Condition target = null!;

    public string Name => name;

    public Condition Target
    {
        get => target;
        set
        {
            target = value;
            Slots = value.Slots;
        }
    }

    internal override bool Holds(FactSet facts) => target.Holds(facts);

    internal override Expression CertainlyExpression(ParameterExpression values, bool truth) => target.CertainlyExpression(values, truth);

    private protected override Outcome EvaluateWithUnknowns(FactSet facts) => target.Evaluate(facts);

    internal override ConditionTrace Trace(FactSet facts)
    {
        var when = target.SharedTrace(facts);
        return new ConditionTrace { Ref = name, When = when, Result = when.Result };
    }

    public override string Describe() => $"[{name}]";

    public override void CollectFacts(ICollection<FactDefinition> facts) => Target.CollectFacts(facts);
}
