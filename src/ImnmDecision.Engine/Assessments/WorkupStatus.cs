namespace ImnmDecision.Engine.Assessments;

/// <summary>Whether the findings already hold the item's result.</summary>
public enum WorkupStatus
{
    /// <summary>Still to do.</summary>
    Outstanding,
    /// <summary>The findings show it was done.</summary>
    Done,
}
