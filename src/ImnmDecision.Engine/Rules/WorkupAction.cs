using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>Lists a workup item. When several rules list one item, the highest priority wins (then file order).</summary>
public sealed record WorkupAction(WorkupId Item, WorkupPriority Priority, WorkupStatus Status, string Reason) : RuleAction;
