using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>Raises an alert.</summary>
public sealed record AlertAction(AlertId Alert, AlertSeverity Severity, string Message) : RuleAction;
