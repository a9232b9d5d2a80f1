namespace ImnmDecision.Engine.Cases;

/// <summary>Severity of proximal weakness.</summary>
public enum WeaknessGrade
{
    /// <summary>No weakness on examination.</summary>
    None,
    /// <summary>Mild.</summary>
    Mild,
    /// <summary>Moderate.</summary>
    Moderate,
    /// <summary>Severe.</summary>
    Severe,
}
