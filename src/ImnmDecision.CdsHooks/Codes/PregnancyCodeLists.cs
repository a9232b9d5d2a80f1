namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// How <c>patient.pregnant</c> is read: the Observation codes of a pregnancy status, the coded answers meaning
/// pregnant and not pregnant (any other answer, such as LOINC LA4489-6 "Unknown", leaves pregnancy unknown), and
/// the Condition codes that record a pregnancy.
/// </summary>
internal sealed class PregnancyCodeLists
{
    /// <summary>Pregnancy status Observation codes (LOINC 82810-3, 11449-6).</summary>
    public List<CodeRef> Observations { get; set; } = [];

    /// <summary>Coded answers (<c>valueCodeableConcept</c>) meaning pregnant.</summary>
    public List<CodeRef> Pregnant { get; set; } = [];

    /// <summary>Coded answers meaning not pregnant.</summary>
    public List<CodeRef> NotPregnant { get; set; } = [];

    /// <summary>Condition codes that record a pregnancy; an active one may set pregnant.</summary>
    public List<CodeRef> Conditions { get; set; } = [];

    /// <summary>
    /// Weeks after its onset when an active pregnancy Condition no longer means a current pregnancy (longer than a
    /// pregnancy lasts); <c>null</c> for no limit.
    /// </summary>
    public int? ConditionCurrentForWeeks { get; set; }

    /// <summary>
    /// Days a status result saying not pregnant stands for today (a point-in-time status: a patient can conceive
    /// after it); an older or undated one leaves pregnancy unknown. <c>null</c> for no limit.
    /// </summary>
    public int? NotPregnantCurrentForDays { get; set; }
}
