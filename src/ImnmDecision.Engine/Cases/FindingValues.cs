namespace ImnmDecision.Engine.Cases;

/// <summary>
/// The findings of one case as flat values, which is what the engine evaluates: the batch readers parse rows
/// straight into it (no objects per row), and a single case's <see cref="Findings"/> are flattened into it. A
/// missing value stays null, as in the findings.
/// </summary>
internal struct FindingValues
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

    /// <summary>Whether any finding is given (a unit, a drug name or a caseId alone is no finding).</summary>
    public readonly bool HasAnyFinding =>
        AgeYears is not null || WeightKg is not null || Sex is not null || Pregnant is not null
        || CkValue is not null || CkUpperLimitOfNormal is not null
        || Hmgcr is not null || Srp is not null || OtherMyositisSpecific is not null
        || BiopsyPerformed is not null || Mhc1Diffuse is not null || SarcolemmalMac is not null || BiopsyPattern is not null
        || StatinExposure is not null
        || ProximalWeakness is not null || Onset is not null || Dysphagia is not null || RespiratoryWeakness is not null
        || CardiacSymptoms is not null || Rash is not null || Myalgia is not null
        || KnownMalignancy is not null || InterstitialLungDisease is not null || RenalImpairment is not null
        || HepaticImpairment is not null || Diabetes is not null || ThromboembolicRisk is not null;

    /// <summary>The values of findings.</summary>
    public static FindingValues From(Findings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return new FindingValues
        {
            CaseId = findings.CaseId,
            AgeYears = findings.Patient?.AgeYears,
            Sex = findings.Patient?.Sex,
            WeightKg = findings.Patient?.WeightKg,
            Pregnant = findings.Patient?.Pregnant,
            CkValue = findings.Ck?.Value,
            CkUnit = findings.Ck?.Unit,
            CkUpperLimitOfNormal = findings.Ck?.UpperLimitOfNormal,
            Hmgcr = findings.Antibodies?.Hmgcr,
            Srp = findings.Antibodies?.Srp,
            OtherMyositisSpecific = findings.Antibodies?.OtherMyositisSpecific,
            BiopsyPerformed = findings.Biopsy?.Performed,
            BiopsyPattern = findings.Biopsy?.Pattern,
            Mhc1Diffuse = findings.Biopsy?.Mhc1Diffuse,
            SarcolemmalMac = findings.Biopsy?.SarcolemmalMac,
            StatinExposure = findings.Statin?.Exposure,
            StatinDrug = findings.Statin?.Drug,
            ProximalWeakness = findings.Clinical?.ProximalWeakness,
            Onset = findings.Clinical?.Onset,
            Dysphagia = findings.Clinical?.Dysphagia,
            RespiratoryWeakness = findings.Clinical?.RespiratoryWeakness,
            CardiacSymptoms = findings.Clinical?.CardiacSymptoms,
            Rash = findings.Clinical?.Rash,
            Myalgia = findings.Clinical?.Myalgia,
            KnownMalignancy = findings.Comorbidities?.KnownMalignancy,
            InterstitialLungDisease = findings.Comorbidities?.InterstitialLungDisease,
            RenalImpairment = findings.Comorbidities?.RenalImpairment,
            HepaticImpairment = findings.Comorbidities?.HepaticImpairment,
            Diabetes = findings.Comorbidities?.Diabetes,
            ThromboembolicRisk = findings.Comorbidities?.ThromboembolicRisk,
        };
    }

    /// <summary>The findings of these values; a section with no value at all stays absent, as in JSON.</summary>
    public readonly Findings ToFindings() => new()
    {
        CaseId = CaseId,
        Patient = AgeYears is null && Sex is null && WeightKg is null && Pregnant is null
            ? null
            : new PatientFindings { AgeYears = AgeYears, Sex = Sex, WeightKg = WeightKg, Pregnant = Pregnant },
        Ck = CkValue is null && CkUnit is null && CkUpperLimitOfNormal is null
            ? null
            : new CkFindings { Value = CkValue, Unit = CkUnit, UpperLimitOfNormal = CkUpperLimitOfNormal },
        Antibodies = Hmgcr is null && Srp is null && OtherMyositisSpecific is null
            ? null
            : new AntibodyFindings { Hmgcr = Hmgcr, Srp = Srp, OtherMyositisSpecific = OtherMyositisSpecific },
        Biopsy = BiopsyPerformed is null && BiopsyPattern is null && Mhc1Diffuse is null && SarcolemmalMac is null
            ? null
            : new BiopsyFindings { Performed = BiopsyPerformed, Pattern = BiopsyPattern, Mhc1Diffuse = Mhc1Diffuse, SarcolemmalMac = SarcolemmalMac },
        Statin = StatinExposure is null && StatinDrug is null ? null : new StatinFindings { Exposure = StatinExposure, Drug = StatinDrug },
        Clinical = ProximalWeakness is null && Onset is null && Dysphagia is null && RespiratoryWeakness is null
            && CardiacSymptoms is null && Rash is null && Myalgia is null
            ? null
            : new ClinicalFindings
            {
                ProximalWeakness = ProximalWeakness,
                Onset = Onset,
                Dysphagia = Dysphagia,
                RespiratoryWeakness = RespiratoryWeakness,
                CardiacSymptoms = CardiacSymptoms,
                Rash = Rash,
                Myalgia = Myalgia,
            },
        Comorbidities = KnownMalignancy is null && InterstitialLungDisease is null && RenalImpairment is null
            && HepaticImpairment is null && Diabetes is null && ThromboembolicRisk is null
            ? null
            : new ComorbidityFindings
            {
                KnownMalignancy = KnownMalignancy,
                InterstitialLungDisease = InterstitialLungDisease,
                RenalImpairment = RenalImpairment,
                HepaticImpairment = HepaticImpairment,
                Diabetes = Diabetes,
                ThromboembolicRisk = ThromboembolicRisk,
            },
    };
}
