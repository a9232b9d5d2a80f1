namespace ImnmDecision.Engine.Rules;

/// <summary>A rule whose action has the type of its kind (a subtype, certainty, alert, workup or treatment action).</summary>
/// <typeparam name="TAction">The kind's action.</typeparam>
public sealed class Rule<TAction> : Rule
    where TAction : RuleAction
{
    /// <summary>What it adds when it holds, typed.</summary>
    public required TAction Action { get; init; }

    private protected override RuleAction UntypedAction => Action;
}
