using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// Lists a workup item. When several rules list one item, the highest priority wins (then file order). A rule
/// with <see cref="Withhold"/> lists nothing: when it holds, the item is not listed by any rule after it, and its
/// reason goes to the answer's <c>because</c> (cancer screening for a child). A rule with a
/// <see cref="Stratification"/> carries the patient's risk category with the item.
/// </summary>
public sealed record WorkupAction(WorkupId Item, WorkupPriority Priority, WorkupStatus Status, string Reason) : RuleAction
{
    /// <summary>The item is deliberately not listed when this rule holds.</summary>
    public bool Withhold { get; init; }

    /// <summary>The risk stratification the item carries, if any.</summary>
    public Stratification? Stratification { get; init; }
}
