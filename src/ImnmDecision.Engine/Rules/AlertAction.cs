using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>Raises an alert; <see cref="Treatment"/>, when set, finishes the message with the options the answer lists.</summary>
public sealed record AlertAction(AlertId Alert, AlertSeverity Severity, string Message) : RuleAction
{
    /// <summary>The treatment sentence that ends the message, naming only options the answer lists.</summary>
    public AlertTreatmentText? Treatment { get; init; }
}
