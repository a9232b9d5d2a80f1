namespace ImnmDecision.Engine.Cases;

/// <summary>Sex recorded for the patient; it selects the default CK upper limit of normal.</summary>
public enum Sex
{
    /// <summary>Male.</summary>
    Male,
    /// <summary>Female.</summary>
    Female,
    /// <summary>Another sex.</summary>
    Other,
    /// <summary>Recorded as unknown.</summary>
    Unknown,
}
