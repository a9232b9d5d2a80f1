using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>Sets the certainty of a graded subtype.</summary>
public sealed record CertaintyAction(Certainty Certainty) : RuleAction;
