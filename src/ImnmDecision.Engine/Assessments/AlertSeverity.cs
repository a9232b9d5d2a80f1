namespace ImnmDecision.Engine.Assessments;

/// <summary>How urgent an alert is; alerts are ordered by it.</summary>
public enum AlertSeverity
{
    /// <summary>Act now.</summary>
    Critical,
    /// <summary>Act soon.</summary>
    Warning,
    /// <summary>For information.</summary>
    Info,
}
