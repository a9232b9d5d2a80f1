namespace ImnmDecision.Engine.Rules;

/// <summary>
/// The order of the answer's lists, computed once at load from the rules alone: alerts by severity, workup by
/// priority, treatment by role, each then in file order. Every list of the answer (the full assessment and the
/// batch rows) walks the rules that fired in these orders; none sorts per case.
/// </summary>
internal sealed class AnswerOrder
{
    public AnswerOrder(Rule<AlertAction>[] alerts, Rule<WorkupAction>[] workup, Rule<TreatmentAction>[] treatment)
    {
        Alerts = Order(alerts, rule => (int)rule.Action.Severity);
        Workup = Order(workup, rule => (int)rule.Action.Priority);
        WorkupListing = [.. Workup.OrderBy(i => workup[i].Action.Priority).ThenBy(i => workup[i].Action.Status).ThenBy(i => workup[i].Order)];
        Treatment = Order(treatment, rule => (int)rule.Action.Role);
        AlertRank = Ranks(Alerts);
        WorkupRank = Ranks(Workup);
        TreatmentRank = Ranks(Treatment);
    }

    /// <summary>Alert rule indices, most severe first.</summary>
    public int[] Alerts { get; }

    /// <summary>
    /// Workup rule indices by priority: an item listed by several rules that fired takes the first of them here
    /// (its highest priority, then file order).
    /// </summary>
    public int[] Workup { get; }

    /// <summary>Workup rule indices as the checklist lists its items: by priority, outstanding before done, then file order.</summary>
    public int[] WorkupListing { get; }

    /// <summary>Treatment rule indices by role in the plan.</summary>
    public int[] Treatment { get; }

    /// <summary>Each alert rule's place in <see cref="Alerts"/>, by rule index.</summary>
    public int[] AlertRank { get; }

    /// <summary>Each workup rule's place in <see cref="Workup"/>, by rule index.</summary>
    public int[] WorkupRank { get; }

    /// <summary>Each treatment rule's place in <see cref="Treatment"/>, by rule index.</summary>
    public int[] TreatmentRank { get; }

    private static int[] Order<TAction>(Rule<TAction>[] rules, Func<Rule<TAction>, int> key)
        where TAction : RuleAction =>
        [.. Enumerable.Range(0, rules.Length).OrderBy(i => key(rules[i])).ThenBy(i => rules[i].Order)];

    private static int[] Ranks(int[] order)
    {
        var ranks = new int[order.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            ranks[order[rank]] = rank;
        }

        return ranks;
    }
}
