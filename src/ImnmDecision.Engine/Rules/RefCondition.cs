using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A named condition from <c>ruleset.json</c>, so a shared gate is written and reviewed once.</summary>
internal sealed class RefCondition(string name) : Condition
{
    public string Name => name;

    public Condition Target { get; set; } = null!;

    internal override Outcome Evaluate(FactSet facts) => Target.Evaluate(facts);

    public override string Describe() => $"[{name}]";

    public override void CollectFacts(ICollection<FactDefinition> facts) => Target.CollectFacts(facts);
}
