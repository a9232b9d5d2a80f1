namespace ImnmDecision.Engine.Assessments;

/// <summary>Whether a classification item is met on the findings given.</summary>
public enum ClassificationItemStatus
{
    /// <summary>Met: its points count.</summary>
    Met,
    /// <summary>Known not to be met.</summary>
    NotMet,
    /// <summary>Not known: its points count only towards the maximum.</summary>
    Unknown,
}
