using System.Collections.Immutable;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// One check of the findings contract as its error reads: the JSON path the error is keyed by, and its message
/// (a fixed text that never repeats the value sent). <see cref="FindingsValidator"/> names its rules with these,
/// and a batch answers with the same texts for the checks its precheck finds broken (see <see cref="All"/>).
/// </summary>
internal sealed record FindingsCheck(string Path, string Message)
{
    public static readonly FindingsCheck NoFindings = new("$", "The case holds no findings; send at least one.");
    public static readonly FindingsCheck CaseIdLength = new("caseId", $"caseId must be at most {FindingsValidator.MaxCaseIdLength} characters.");
    public static readonly FindingsCheck AgeYears = new("patient.ageYears", "patient.ageYears must be between 0 and 120.");
    public static readonly FindingsCheck Sex = new("patient.sex", "patient.sex must be male, female, other or unknown.");
    public static readonly FindingsCheck WeightKg = new("patient.weightKg", "patient.weightKg must be between 1 and 400.");
    public static readonly FindingsCheck Pregnant = new("patient.pregnant", "patient.pregnant cannot be true when patient.sex is male.");
    public static readonly FindingsCheck CkValue = new("ck.value", "ck.value must be a finite number of at least 0.");
    public static readonly FindingsCheck CkUnit = new("ck.unit", "ck.unit must be U/L or ukat/L.");
    public static readonly FindingsCheck CkUpperLimitOfNormal = new("ck.upperLimitOfNormal", "ck.upperLimitOfNormal must be a finite number above 0, in the same unit as ck.value.");
    public static readonly FindingsCheck Hmgcr = new("antibodies.hmgcr", "antibodies.hmgcr must be positive, negative, equivocal or not-tested.");
    public static readonly FindingsCheck Srp = new("antibodies.srp", "antibodies.srp must be positive, negative, equivocal or not-tested.");

    /// <summary>Checked per element: its error is keyed by the element's path (<c>antibodies.otherMyositisSpecific[1]</c>).</summary>
    public static readonly FindingsCheck OtherMyositisSpecific = new("antibodies.otherMyositisSpecific", "antibodies.otherMyositisSpecific holds an unknown antibody.");
    public static readonly FindingsCheck BiopsyPattern = new("biopsy.pattern", "biopsy.pattern is not a known pattern.");
    public static readonly FindingsCheck BiopsyPerformed = new("biopsy.performed", "biopsy.performed is false, but biopsy results were given.");
    public static readonly FindingsCheck StatinExposure = new("statin.exposure", "statin.exposure must be current, past, never or unknown.");
    public static readonly FindingsCheck StatinDrug = new("statin.drug", "statin.drug must be at most 64 characters.");
    public static readonly FindingsCheck ProximalWeakness = new("clinical.proximalWeakness", "clinical.proximalWeakness must be none, mild, moderate or severe.");
    public static readonly FindingsCheck Onset = new("clinical.onset", "clinical.onset must be acute, subacute or chronic.");

    /// <summary>The checks in <see cref="FindingsValidator"/>'s order, which is the batch precheck's bit order.</summary>
    public static ImmutableArray<FindingsCheck> All { get; } =
    [
        NoFindings, CaseIdLength, AgeYears, Sex, WeightKg, Pregnant, CkValue, CkUnit, CkUpperLimitOfNormal, Hmgcr, Srp,
        OtherMyositisSpecific, BiopsyPattern, BiopsyPerformed, StatinExposure, StatinDrug, ProximalWeakness, Onset,
    ];
}
