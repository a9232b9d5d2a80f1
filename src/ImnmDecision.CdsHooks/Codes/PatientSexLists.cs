namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// Where a Patient's sex is read besides <c>gender</c>: extensions (by URL) whose value, or whose <c>value</c>
/// sub-extension, is a Coding, CodeableConcept or code, and the codes meaning male and female. Extensions made for
/// clinical settings (the sex parameter for clinical use) are read before <c>gender</c>; the others only when
/// <c>gender</c> is absent or <c>unknown</c>.
/// </summary>
internal sealed class PatientSexLists
{
    /// <summary>Extension URLs that record the patient's sex (US Core's individual sex, and its retired us-core-sex).</summary>
    public List<string> Extensions { get; set; } = [];

    /// <summary>
    /// Extension URLs that say which sex's settings and reference ranges apply clinically; a value found there
    /// decides over <c>gender</c>.
    /// </summary>
    public List<string> ClinicalUseExtensions { get; set; } = [];

    /// <summary>Codes of those extensions' values that mean male.</summary>
    public List<CodeRef> Male { get; set; } = [];

    /// <summary>Codes of those extensions' values that mean female.</summary>
    public List<CodeRef> Female { get; set; } = [];

    /// <summary>Codes of a clinical-use value that name neither (settings given elsewhere): sex is then unknown.</summary>
    public List<CodeRef> Specified { get; set; } = [];

    /// <summary>The shipped lists with a site's additions after them.</summary>
    internal static PatientSexLists Merge(PatientSexLists shipped, PatientSexLists site) => new()
    {
        Extensions = [.. shipped.Extensions, .. site.Extensions],
        ClinicalUseExtensions = [.. shipped.ClinicalUseExtensions, .. site.ClinicalUseExtensions],
        Male = [.. shipped.Male, .. site.Male],
        Female = [.. shipped.Female, .. site.Female],
        Specified = [.. shipped.Specified, .. site.Specified],
    };
}
