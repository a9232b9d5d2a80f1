namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// The code lists that map FHIR data to findings. The defaults ship in <c>CdsHooks/cds-codes.json</c>; a site
/// adds its local codes under <c>CdsHooks:Codes</c> (same shape), and they are merged with the defaults.
/// Mapping only: no thresholds or clinical rules live here.
/// </summary>
internal sealed class CdsCodeLists
{
    /// <summary>Creatine kinase Observation codes.</summary>
    public List<CodeRef> Ck { get; set; } = [];

    /// <summary>Anti-HMGCR antibody Observation codes.</summary>
    public List<CodeRef> Hmgcr { get; set; } = [];

    /// <summary>Anti-SRP antibody Observation codes.</summary>
    public List<CodeRef> Srp { get; set; } = [];

    /// <summary>Other myositis-specific antibodies, keyed by the contract's name (<c>jo1</c>, <c>mda5</c>, ...).</summary>
    public Dictionary<string, List<CodeRef>> OtherMyositisAntibodies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body weight Observation codes.</summary>
    public List<CodeRef> BodyWeight { get; set; } = [];

    /// <summary>
    /// Days a weight stands for a patient who is a child now (children grow: an older weight would size today's dose
    /// wrongly); an older or undated one is not used. <c>null</c> for no limit.
    /// </summary>
    public int? ChildWeightCurrentForDays { get; set; }

    /// <summary>How statins are recognised in medication data.</summary>
    public StatinCodeLists Statins { get; set; } = new();

    /// <summary>How a qualitative result (positive, negative, equivocal) is read.</summary>
    public ResultCodeLists Results { get; set; } = new();

    /// <summary>Unit spellings accepted for CK and weight.</summary>
    public UnitAliases Units { get; set; } = new();

    /// <summary>Muscle biopsy patterns read from a DiagnosticReport's <c>conclusionCode</c>, keyed by the contract's pattern name.</summary>
    public Dictionary<string, BiopsyPatternCodes> BiopsyPatterns { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The DiagnosticReport categories searched for muscle biopsy reports.</summary>
    public List<CodeRef> BiopsyReportCategories { get; set; } = [];

    /// <summary>
    /// Lab Observation codes for the <c>labs.*Elevated</c> findings, keyed by the finding's path
    /// (<c>labs.ldhElevated</c>): elevated is a value above the range's high limit, or a high interpretation.
    /// </summary>
    public Dictionary<string, List<CodeRef>> Labs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Condition (and Observation) codes for boolean findings such as <c>skin.heliotropeRash</c> or
    /// <c>clinical.weaknessPattern.proximalUpperSymmetric</c>, keyed by the finding's path.
    /// </summary>
    public Dictionary<string, BiopsyPatternCodes> Findings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Biopsy report conclusion codes for the <c>biopsy.*</c> items (<c>biopsy.rimmedVacuoles</c>...), keyed by the finding's path.</summary>
    public Dictionary<string, BiopsyPatternCodes> BiopsyItems { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Conditions whose onset is the onset of the muscle symptoms (<c>clinical.symptomOnsetYearsAgo</c>).</summary>
    public BiopsyPatternCodes SymptomOnset { get; set; } = new();

    /// <summary>Where the patient's sex is read when <c>gender</c> is absent or unknown.</summary>
    public PatientSexLists PatientSex { get; set; } = new();

    /// <summary>How pregnancy is read (<c>patient.pregnant</c>): status Observations, their answers, pregnancy Conditions.</summary>
    public PregnancyCodeLists Pregnancy { get; set; } = new();

    /// <summary>Reasons a clinician can pick when dismissing a card.</summary>
    public OverrideReasonLists OverrideReasons { get; set; } = new();
}
