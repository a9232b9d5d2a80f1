using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// Every fact a rule may read. Findings facts mirror the input or are derived from it by definitions that
/// hold no clinical judgement (unit conversion, x ULN); the rest are produced by earlier rule kinds.
/// </summary>
public static class FactCatalog
{
    internal const int PatientAgeYears = 0;
    internal const int PatientSex = 1;
    internal const int PatientWeightKg = 2;
    internal const int PatientPregnant = 3;
    internal const int CkUnitsPerLitre = 4;
    internal const int CkUpperLimitUnitsPerLitre = 5;
    internal const int CkTimesUpperLimit = 6;
    internal const int CkElevated = 7;
    internal const int Hmgcr = 8;
    internal const int HmgcrReported = 9;
    internal const int Srp = 10;
    internal const int SrpReported = 11;
    internal const int OtherAntibodies = 12;
    internal const int ImnmAntibodyPositive = 13;
    internal const int OtherAntibodyPositive = 14;
    internal const int BiopsyPerformed = 15;
    internal const int BiopsyPatternSlot = 16;
    internal const int BiopsyMhc1Diffuse = 17;
    internal const int BiopsySarcolemmalMac = 18;
    internal const int StatinExposureSlot = 19;
    internal const int StatinExposed = 20;
    internal const int ProximalWeakness = 21;
    internal const int WeaknessPresent = 22;
    internal const int OnsetSlot = 23;
    internal const int Dysphagia = 24;
    internal const int RespiratoryWeakness = 25;
    internal const int CardiacSymptoms = 26;
    internal const int Rash = 27;
    internal const int Myalgia = 28;
    internal const int KnownMalignancy = 29;
    internal const int InterstitialLungDisease = 30;
    internal const int RenalImpairment = 31;
    internal const int HepaticImpairment = 32;
    internal const int Diabetes = 33;
    internal const int ThromboembolicRisk = 34;
    internal const int SubtypeCodeSlot = 35;
    internal const int SubtypeCertainty = 36;
    internal const int AlertsRaised = 37;
    internal const int AlertsCritical = 38;
    internal const int TreatmentOffered = 39;
    internal const int WorkupOutstanding = 40;

    private static readonly string[] PositiveNegative = ["positive", "negative"];

    /// <summary>All facts, indexed by slot.</summary>
    public static readonly IReadOnlyList<FactDefinition> All =
    [
        Number(PatientAgeYears, "patient.ageYears", "years", "Age in years."),
        Enum<Sex>(PatientSex, "patient.sex", "Sex as recorded."),
        Number(PatientWeightKg, "patient.weightKg", "kg", "Weight in kg."),
        Boolean(PatientPregnant, "patient.pregnant", "Pregnant."),
        Number(CkUnitsPerLitre, "ck.uPerL", "U/L", "CK in U/L (ukat/L x 60)."),
        Number(CkUpperLimitUnitsPerLitre, "ck.uln", "U/L", "The lab's upper limit of normal in U/L, or the ruleset's default for the sex when absent."),
        Number(CkTimesUpperLimit, "ck.timesUln", "x ULN", "CK as a multiple of the upper limit of normal."),
        Boolean(CkElevated, "ck.elevated", "CK above the upper limit of normal; known when the CK value is given."),
        Values(Hmgcr, "antibodies.hmgcr", PositiveNegative, "Anti-HMGCR when conclusive; equivocal, not tested or absent is unknown."),
        Enum<AntibodyResult>(HmgcrReported, "antibodies.hmgcr.reported", "Anti-HMGCR as reported, including equivocal and not-tested."),
        Values(Srp, "antibodies.srp", PositiveNegative, "Anti-SRP when conclusive; equivocal, not tested or absent is unknown."),
        Enum<AntibodyResult>(SrpReported, "antibodies.srp.reported", "Anti-SRP as reported, including equivocal and not-tested."),
        SetOf<MyositisAntibody>(OtherAntibodies, "antibodies.otherMyositisSpecific", "Other myositis-specific antibodies that were positive; unknown when the panel is absent."),
        Boolean(ImnmAntibodyPositive, "antibody.imnm.positive", "Anti-HMGCR or anti-SRP positive; false only when both are negative."),
        Boolean(OtherAntibodyPositive, "antibody.other.positive", "Another myositis-specific antibody positive; unknown when the panel is absent."),
        Boolean(BiopsyPerformed, "biopsy.performed", "A muscle biopsy was performed (a reported pattern implies it)."),
        Enum<BiopsyPattern>(BiopsyPatternSlot, "biopsy.pattern", "The biopsy pattern; unknown when no biopsy was performed."),
        Boolean(BiopsyMhc1Diffuse, "biopsy.mhc1Diffuse", "Diffuse MHC class I up-regulation."),
        Boolean(BiopsySarcolemmalMac, "biopsy.sarcolemmalMac", "Sarcolemmal MAC on non-necrotic fibres."),
        Enum<StatinExposure>(StatinExposureSlot, "statin.exposure", "Statin exposure as recorded."),
        Boolean(StatinExposed, "statin.exposed", "Current or past statin: true; never: false; unknown or absent: unknown."),
        Enum<WeaknessGrade>(ProximalWeakness, "clinical.proximalWeakness", "Severity of proximal weakness."),
        Boolean(WeaknessPresent, "weakness.present", "Mild, moderate or severe weakness: true; none: false."),
        Enum<Onset>(OnsetSlot, "clinical.onset", "How the weakness developed."),
        Boolean(Dysphagia, "clinical.dysphagia", "Dysphagia."),
        Boolean(RespiratoryWeakness, "clinical.respiratoryWeakness", "Respiratory muscle weakness."),
        Boolean(CardiacSymptoms, "clinical.cardiacSymptoms", "Cardiac symptoms."),
        Boolean(Rash, "clinical.rash", "Rash."),
        Boolean(Myalgia, "clinical.myalgia", "Myalgia."),
        Boolean(KnownMalignancy, "comorbidities.knownMalignancy", "Known malignancy."),
        Boolean(InterstitialLungDisease, "comorbidities.interstitialLungDisease", "Known interstitial lung disease."),
        Boolean(RenalImpairment, "comorbidities.renalImpairment", "Renal impairment."),
        Boolean(HepaticImpairment, "comorbidities.hepaticImpairment", "Hepatic impairment."),
        Boolean(Diabetes, "comorbidities.diabetes", "Diabetes."),
        Boolean(ThromboembolicRisk, "comorbidities.thromboembolicRisk", "Raised thromboembolic risk."),
        Enum<SubtypeCode>(SubtypeCodeSlot, "subtype.code", "The subtype decided by the subtype rules.", FactPhase.Subtype),
        Enum<Certainty>(SubtypeCertainty, "subtype.certainty", "The certainty decided by the certainty rules.", FactPhase.Certainty),
        SetOf<AlertId>(AlertsRaised, "alerts.raised", "The alerts raised so far.", FactPhase.Alert),
        Boolean(AlertsCritical, "alerts.critical", "A critical alert was raised.", FactPhase.Alert),
        SetOf<TreatmentId>(TreatmentOffered, "treatment.offered", "The treatment options offered so far (avoided ones included).", FactPhase.Treatment),
        SetOf<WorkupId>(WorkupOutstanding, "workup.outstanding", "The workup items listed as outstanding so far.", FactPhase.Workup),
    ];

    private static readonly Dictionary<string, FactDefinition> ByName =
        All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Finds a fact by name.</summary>
    public static bool TryGet(string name, out FactDefinition fact) => ByName.TryGetValue(name, out fact!);

    /// <summary>The value of a slot as JSON would show it: a number, a boolean, a string, a list, or null.</summary>
    public static object? Display(FactDefinition fact, double value)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (double.IsNaN(value))
        {
            return null;
        }

        return fact.Type switch
        {
            FactType.Number => Math.Round(value, 2),
            FactType.Boolean => value != 0,
            FactType.Enum => fact.Values[(int)value],
            _ => MembersOf(fact, (ulong)value),
        };
    }

    private static string[] MembersOf(FactDefinition fact, ulong mask) =>
        [.. fact.Values.Where((_, i) => (mask & (1UL << i)) != 0)];

    private static FactDefinition Number(int slot, string name, string unit, string description) =>
        new() { Slot = slot, Name = name, Type = FactType.Number, Unit = unit, Description = description };

    private static FactDefinition Boolean(int slot, string name, string description, FactPhase phase = FactPhase.Findings) =>
        new() { Slot = slot, Name = name, Type = FactType.Boolean, Description = description, Phase = phase };

    private static FactDefinition Values(int slot, string name, string[] values, string description) =>
        new() { Slot = slot, Name = name, Type = FactType.Enum, Values = values, Description = description };

    private static FactDefinition Enum<TEnum>(int slot, string name, string description, FactPhase phase = FactPhase.Findings)
        where TEnum : struct, System.Enum =>
        new() { Slot = slot, Name = name, Type = FactType.Enum, Values = JsonNames.Names<TEnum>(), Description = description, Phase = phase };

    private static FactDefinition SetOf<TEnum>(int slot, string name, string description, FactPhase phase = FactPhase.Findings)
        where TEnum : struct, System.Enum =>
        new() { Slot = slot, Name = name, Type = FactType.Set, Values = JsonNames.Names<TEnum>(), Description = description, Phase = phase };
}
