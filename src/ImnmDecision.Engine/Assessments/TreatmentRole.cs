namespace ImnmDecision.Engine.Assessments;

/// <summary>The place of an option in the plan; options are ordered by it.</summary>
public enum TreatmentRole
{
    /// <summary>Now.</summary>
    Immediate,
    /// <summary>First line.</summary>
    FirstLine,
    /// <summary>Added to first line.</summary>
    FirstLineAddOn,
    /// <summary>Steroid-sparing agent.</summary>
    SteroidSparing,
    /// <summary>For refractory disease.</summary>
    Refractory,
    /// <summary>Supportive care.</summary>
    Supportive,
}
