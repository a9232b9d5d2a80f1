namespace ImnmDecision.Engine.Assessments;

/// <summary>How strongly a workup item is suggested; the checklist is ordered by it.</summary>
public enum WorkupPriority
{
    /// <summary>Needed to classify or to act safely.</summary>
    Required,
    /// <summary>Recommended.</summary>
    Recommended,
    /// <summary>Worth considering.</summary>
    Consider,
}
