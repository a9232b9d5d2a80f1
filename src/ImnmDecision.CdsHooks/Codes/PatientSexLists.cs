namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// Where a Patient's sex is read when <c>gender</c> is absent or <c>unknown</c>: extensions (by URL) whose value,
/// or whose <c>value</c> sub-extension, is a Coding, CodeableConcept or code, and the codes meaning male and female.
/// </summary>
internal sealed class PatientSexLists
{
    /// <summary>Extension URLs that record the patient's sex (US Core's individual sex, and its retired us-core-sex).</summary>
    public List<string> Extensions { get; set; } = [];

    /// <summary>Codes of those extensions' values that mean male.</summary>
    public List<CodeRef> Male { get; set; } = [];

    /// <summary>Codes of those extensions' values that mean female.</summary>
    public List<CodeRef> Female { get; set; } = [];
}
