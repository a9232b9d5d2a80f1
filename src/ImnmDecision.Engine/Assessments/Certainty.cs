namespace ImnmDecision.Engine.Assessments;

/// <summary>How firmly the findings support the subtype.</summary>
public enum Certainty
{
    /// <summary>The 2016 ENMC criteria for the subtype are met.</summary>
    MeetsCriteria,
    /// <summary>Probable.</summary>
    Probable,
    /// <summary>Possible.</summary>
    Possible,
    /// <summary>The subtype is not graded (not an IMNM subtype).</summary>
    NotApplicable,
}
