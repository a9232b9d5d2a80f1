namespace ImnmDecision.Engine.Cases;

/// <summary>How the weakness developed.</summary>
public enum Onset
{
    /// <summary>Days to less than four weeks.</summary>
    Acute,
    /// <summary>Weeks to months.</summary>
    Subacute,
    /// <summary>Slowly progressive over a year or more.</summary>
    Chronic,
}
