using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>Names the subtype; a graded subtype takes its certainty from the certainty rules.</summary>
public sealed record SubtypeAction(SubtypeCode Code, Certainty? FixedCertainty) : RuleAction
{
    /// <summary>Whether the certainty rules grade this subtype.</summary>
    public bool IsGraded => FixedCertainty is null;
}
