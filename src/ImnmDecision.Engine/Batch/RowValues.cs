using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>The cells of one CSV row once parsed; a section with no value at all stays absent, as in JSON.</summary>
internal struct RowValues
{
    public string? CaseId;
    public double? AgeYears;
    public Sex? Sex;
    public double? WeightKg;
    public bool? Pregnant;
    public double? CkValue;
    public CkUnit? CkUnit;
    public double? CkUpperLimitOfNormal;
    public AntibodyResult? Hmgcr;
    public AntibodyResult? Srp;
    public IReadOnlyList<MyositisAntibody>? OtherMyositisSpecific;
    public bool? BiopsyPerformed;
    public BiopsyPattern? BiopsyPattern;
    public bool? Mhc1Diffuse;
    public bool? SarcolemmalMac;
    public StatinExposure? StatinExposure;
    public string? StatinDrug;
    public WeaknessGrade? ProximalWeakness;
    public Onset? Onset;
    public bool? Dysphagia;
    public bool? RespiratoryWeakness;
    public bool? CardiacSymptoms;
    public bool? Rash;
    public bool? Myalgia;
    public bool? KnownMalignancy;
    public bool? InterstitialLungDisease;
    public bool? RenalImpairment;
    public bool? HepaticImpairment;
    public bool? Diabetes;
    public bool? ThromboembolicRisk;

    /// <summary>The findings of the row; sections with no value stay absent, repeated sections are shared through <paramref name="cache"/>.</summary>
    public readonly Findings ToFindings(FindingsCache cache) => new()
    {
        CaseId = CaseId,
        Patient = AgeYears is null && Sex is null && WeightKg is null && Pregnant is null
            ? null
            : new PatientFindings { AgeYears = AgeYears, Sex = Sex, WeightKg = WeightKg, Pregnant = Pregnant },
        Ck = CkValue is null && CkUnit is null && CkUpperLimitOfNormal is null
            ? null
            : new CkFindings { Value = CkValue, Unit = CkUnit, UpperLimitOfNormal = CkUpperLimitOfNormal },
        Antibodies = Hmgcr is null && Srp is null && OtherMyositisSpecific is null ? null : cache.Antibodies(this),
        Biopsy = BiopsyPerformed is null && BiopsyPattern is null && Mhc1Diffuse is null && SarcolemmalMac is null ? null : cache.Biopsy(this),
        Statin = StatinExposure is null && StatinDrug is null ? null : cache.Statin(this),
        Clinical = ProximalWeakness is null && Onset is null && Dysphagia is null && RespiratoryWeakness is null
            && CardiacSymptoms is null && Rash is null && Myalgia is null
            ? null
            : cache.Clinical(this),
        Comorbidities = KnownMalignancy is null && InterstitialLungDisease is null && RenalImpairment is null
            && HepaticImpairment is null && Diabetes is null && ThromboembolicRisk is null
            ? null
            : cache.Comorbidities(this),
    };
}
