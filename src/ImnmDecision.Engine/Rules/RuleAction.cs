namespace ImnmDecision.Engine.Rules;

/// <summary>What a rule adds to the answer when it holds.</summary>
public abstract record RuleAction;
