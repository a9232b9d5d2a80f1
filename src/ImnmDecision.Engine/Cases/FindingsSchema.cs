using System.Collections.Frozen;
using System.Collections.Immutable;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// The findings a case can hold: one entry per field. The JSON and CSV readers, the checks and their messages,
/// the CSV columns, the <c>missing</c> list, the facts rules read, the cohort generator and the OpenAPI
/// description all derive from this table, so a new finding is one entry here plus the rules that read it.
/// Entries are in the contract's order (which is the CSV column order); sections in <see cref="Sections"/>.
/// </summary>
public static class FindingsSchema
{
    /// <summary>The optional caller reference, echoed back and never logged.</summary>
    public static readonly FindingField CaseId = FindingField.Text("caseId", "Optional caller reference (at most 64 characters), echoed back and never logged.", maxLength: 64);

    /// <summary>Every field, in the contract's order.</summary>
    public static ImmutableArray<FindingField> Fields { get; } = Number(
    [
        CaseId,
        FindingField.Number("patient.ageYears", "Age in years, 0 to 120.", min: 0, max: 120, unit: "years"),
        FindingField.Choice<Sex>("patient.sex", "Sex; selects the default CK upper limit of normal when the lab's is absent."),
        FindingField.Number("patient.weightKg", "Weight in kg, 1 to 400; needed for weight-based doses, which are otherwise given per kg only.", min: 1, max: 400, unit: "kg"),
        FindingField.Number("patient.heightCm", "Height in cm, 40 to 250; with the weight it gives the body surface area (children's doses) and the adjusted body weight.", min: 40, max: 250, unit: "cm"),
        FindingField.Boolean("patient.pregnant", "Pregnancy; true is only allowed when sex is not male."),
        FindingField.Number("ck.value", "The measured creatine kinase, at least 0, in ck.unit.", min: 0, unit: "ck.unit").DerivedFacts(),
        FindingField.Choice<CkUnit>("ck.unit", "U/L (the same as IU/L) or ukat/L (1 ukat/L = 60 U/L). When absent, U/L is assumed and the answer says so.").NotAFinding().DerivedFacts(),
        FindingField.Number("ck.upperLimitOfNormal", "The lab's upper limit of normal, above 0, in the same unit. When absent, the ruleset's default for the sex applies and the answer says so.", min: 0, minExclusive: true, unit: "ck.unit", note: "in the same unit as ck.value").DerivedFacts(),
        FindingField.Choice<CkComparator>("ck.comparator", "Only when the lab reports CK as a bound (FHIR Quantity.comparator): > or >= means the true value is above ck.value, < or <= below it. What the bound settles is used (>15,000 U/L is over 50x a ULN of 300); a comparison it does not settle (>1,400 U/L against 10x a ULN of 200) is unknown, and the exact value is listed missing. Absent: ck.value is the exact value.").NotAFinding().NeverMissing().DerivedFacts(),
        FindingField.Choice<AntibodyResult>("antibodies.hmgcr", "Anti-HMGCR result.").DerivedFacts(),
        FindingField.Choice<AntibodyResult>("antibodies.srp", "Anti-SRP result.").DerivedFacts(),
        FindingField.SetOf<MyositisAntibody>("antibodies.otherMyositisSpecific", "Other myositis-specific antibodies that were positive (anti-PM/Scl and anti-Ku sent here are read as myositis-associated); an empty list means the extended panel was done and none was positive; absent means not known."),
        FindingField.SetOf<MyositisAssociatedAntibody>("antibodies.myositisAssociated", "Myositis-associated antibodies that were positive (anti-PM/Scl, anti-Ku, anti-Ro52, anti-U1RNP): they mark a connective-tissue overlap and never make the serology conflicting; an empty list means they were tested and none was positive; absent means not known. Anti-PM/Scl and anti-Ku sent in otherMyositisSpecific are read as these."),
        FindingField.Boolean("biopsy.performed", "Whether a muscle biopsy was performed (a reported pattern implies it).").MissingAs("biopsy").DerivedFacts(),
        FindingField.Choice<BiopsyPattern>("biopsy.pattern", "The dominant pattern.").Requires("biopsy.performed").Implies("biopsy.performed"),
        FindingField.Boolean("biopsy.mhc1Diffuse", "Diffuse MHC class I up-regulation (supportive of IMNM).").Requires("biopsy.performed"),
        FindingField.Boolean("biopsy.sarcolemmalMac", "Sarcolemmal membrane attack complex (C5b-9) on non-necrotic fibres (supportive of IMNM).").Requires("biopsy.performed"),
        FindingField.Boolean("biopsy.endomysialInfiltrate", "Endomysial mononuclear cells surrounding, but not invading, myofibres (a 2017 EULAR/ACR item; an inflammatory-endomysial pattern implies it unless this says otherwise).").Requires("biopsy.performed").Implies("biopsy.performed"),
        FindingField.Boolean("biopsy.perimysialOrPerivascularInfiltrate", "Perimysial and/or perivascular mononuclear cell infiltration (a 2017 EULAR/ACR item).").Requires("biopsy.performed").Implies("biopsy.performed"),
        FindingField.Boolean("biopsy.perifascicularAtrophy", "Perifascicular atrophy (a 2017 EULAR/ACR item; a perifascicular pattern implies it unless this says otherwise).").Requires("biopsy.performed").Implies("biopsy.performed"),
        FindingField.Boolean("biopsy.rimmedVacuoles", "Rimmed vacuoles (a 2017 EULAR/ACR item; a rimmed-vacuoles pattern implies it unless this says otherwise).").Requires("biopsy.performed").Implies("biopsy.performed"),
        FindingField.Choice<StatinExposure>("statin.exposure", "Current, past, never or unknown."),
        FindingField.Text("statin.drug", "The statin's name, for the record (at most 64 characters).", maxLength: 64),
        FindingField.Number("statin.stoppedWeeksAgo", "Weeks since a past statin was stopped, 0 to 5200; only with statin.exposure past.", min: 0, max: 5200, unit: "weeks"),
        FindingField.Boolean("exposures.immuneCheckpointInhibitor", "An immune checkpoint inhibitor (anti-PD-1, anti-PD-L1 or anti-CTLA-4) now or in the last 6 months."),
        FindingField.Choice<WeaknessGrade>("clinical.proximalWeakness", "Severity of symmetric proximal weakness."),
        FindingField.Choice<Onset>("clinical.onset", "How the weakness developed."),
        FindingField.Boolean("clinical.dysphagia", "Difficulty swallowing (aspiration risk)."),
        FindingField.Boolean("clinical.respiratoryWeakness", "Respiratory muscle weakness."),
        FindingField.Boolean("clinical.cardiacSymptoms", "Palpitations, chest pain, syncope or heart failure symptoms."),
        FindingField.Boolean("clinical.rash", "A rash (suggests dermatomyositis)."),
        FindingField.Boolean("clinical.myalgia", "Muscle pain."),
        FindingField.Number("clinical.symptomOnsetYearsAgo", "Years since the first muscle symptoms (0 to 100); age at onset is patient.ageYears minus this.", min: 0, max: 100, unit: "years"),
        FindingField.Boolean("clinical.weaknessPattern.proximalUpperSymmetric", "Objective symmetric weakness, usually progressive, of the proximal upper extremities."),
        FindingField.Boolean("clinical.weaknessPattern.proximalLowerSymmetric", "Objective symmetric weakness, usually progressive, of the proximal lower extremities."),
        FindingField.Boolean("clinical.weaknessPattern.neckFlexorsWeakerThanExtensors", "Neck flexors relatively weaker than neck extensors."),
        FindingField.Boolean("clinical.weaknessPattern.legProximalWeakerThanDistal", "In the legs, proximal muscles relatively weaker than distal muscles."),
        FindingField.Boolean("clinical.weaknessPattern.fingerFlexors", "Finger flexor weakness (the inclusion body myositis branch of the 2017 EULAR/ACR subgroup tree)."),
        FindingField.Boolean("clinical.improvedOnTreatment", "Whether the weakness improved on immunosuppressive treatment (false: treated and not improved; absent: not known or not treated)."),
        FindingField.Boolean("comorbidities.knownMalignancy", "A known malignancy."),
        FindingField.Boolean("comorbidities.interstitialLungDisease", "Known interstitial lung disease."),
        FindingField.Boolean("comorbidities.renalImpairment", "Renal impairment."),
        FindingField.Boolean("comorbidities.hepaticImpairment", "Hepatic impairment."),
        FindingField.Boolean("comorbidities.diabetes", "Diabetes mellitus."),
        FindingField.Boolean("comorbidities.thromboembolicRisk", "Raised thromboembolic risk."),
        FindingField.Boolean("skin.heliotropeRash", "Heliotrope rash: purple, lilac or erythematous patches over the eyelids or in a periorbital distribution, often with periorbital oedema."),
        FindingField.Boolean("skin.gottronPapules", "Gottron's papules: erythematous to violaceous papules over the extensor surfaces of joints, sometimes scaly."),
        FindingField.Boolean("skin.gottronSign", "Gottron's sign: erythematous to violaceous macules over the extensor surfaces of joints, not palpable."),
        FindingField.Boolean("labs.ldhElevated", "Serum lactate dehydrogenase above the upper limit of normal (CK comes from ck)."),
        FindingField.Boolean("labs.astElevated", "Serum aspartate aminotransferase (AST/ASAT/SGOT) above the upper limit of normal."),
        FindingField.Boolean("labs.altElevated", "Serum alanine aminotransferase (ALT/ALAT/SGPT) above the upper limit of normal."),
    ]);

    // Declared right after Fields: the named fields below are looked up in it as the class initializes.
    private static readonly FrozenDictionary<string, FindingField> ByPath = Fields.ToFrozenDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>The section objects, in the contract's order, with what each holds.</summary>
    public static ImmutableArray<FindingsSection> Sections { get; } =
    [
        new("patient", "PatientFindings", "Patient details that change the classification or the doses."),
        new("ck", "CkFindings", "A creatine kinase result."),
        new("antibodies", "AntibodyFindings", "Myositis antibody results."),
        new("biopsy", "BiopsyFindings", "A muscle biopsy. A pattern implies the biopsy was performed."),
        new("statin", "StatinFindings", "Statin exposure."),
        new("exposures", "ExposureFindings", "Drug exposures other than statins that change the diagnosis."),
        new("clinical", "ClinicalFindings", "Weakness, its course and red-flag symptoms."),
        new("comorbidities", "ComorbidityFindings", "Conditions that change the workup or the treatment options."),
        new("skin", "SkinFindings", "Skin signs of dermatomyositis (items of the 2017 EULAR/ACR classification)."),
        new("labs", "LabFindings", "Muscle enzymes other than CK, each above the upper limit of normal or not (items of the 2017 EULAR/ACR classification)."),
    ];

    /// <summary>Objects nested inside a section, by path (<c>clinical.weaknessPattern</c>), with their OpenAPI schema names.</summary>
    public static ImmutableArray<FindingsSection> Groups { get; } =
    [
        new("clinical.weaknessPattern", "WeaknessPatternFindings", "Where the weakness is, as the items of the 2017 EULAR/ACR classification describe it."),
    ];

    /// <summary>The order in which the answer's <c>missing</c> list names sections (what decides the subtype first).</summary>
    public static ImmutableArray<string> MissingOrder { get; } = ["ck", "antibodies", "biopsy", "statin", "exposures", "clinical", "patient", "comorbidities", "skin", "labs"];

    private static readonly FindingField Pregnant = Field("patient.pregnant");
    private static readonly FindingField Sex = Field("patient.sex");
    private static readonly int Male = Sex.OrdinalOf("male");
    private static readonly FindingField AgeYears = Field("patient.ageYears");
    private static readonly FindingField SymptomOnsetYearsAgo = Field("clinical.symptomOnsetYearsAgo");
    private static readonly FindingField BiopsyPerformed = Field("biopsy.performed");
    private static readonly FindingField StatinExposure = Field("statin.exposure");
    private static readonly int PastStatin = StatinExposure.OrdinalOf("past");
    private static readonly FindingField StatinStoppedWeeksAgo = Field("statin.stoppedWeeksAgo");
    private static readonly FindingField CkValueField = Field("ck.value");
    private static readonly FindingField CkComparatorField = Field("ck.comparator");
    private static readonly FindingField[] BiopsyResults = [.. Fields.Where(f => f.RequiresTrue == BiopsyPerformed.Path)];

    /// <summary>Checks that involve two fields, each keyed by the path its error names.</summary>
    internal static ImmutableArray<FindingsRelation> Relations { get; } =
    [
        new("patient.pregnant", "patient.pregnant cannot be true when patient.sex is male.", "patient.pregnant", "patient.sex",
            v => !(v.Raw(Pregnant) == 1 && v.Raw(Sex) == Male)),
        new("biopsy.performed", "biopsy.performed is false, but biopsy results were given.", "biopsy.performed", null,
            v => v.Raw(BiopsyPerformed) != 0 || !HasAny(v, BiopsyResults)),
        new("statin.stoppedWeeksAgo", "statin.stoppedWeeksAgo is only allowed when statin.exposure is past.", "statin.stoppedWeeksAgo", "statin.exposure",
            v => !v.Has(StatinStoppedWeeksAgo) || v.Raw(StatinExposure) == PastStatin),
        new("ck.comparator", "ck.comparator is only allowed with ck.value (it says how the true value relates to it).", "ck.comparator", "ck.value",
            v => !v.Has(CkComparatorField) || v.Has(CkValueField)),
        new("clinical.symptomOnsetYearsAgo", "clinical.symptomOnsetYearsAgo cannot be more than patient.ageYears.", "clinical.symptomOnsetYearsAgo", "patient.ageYears",
            v => !(v.Raw(SymptomOnsetYearsAgo) > v.Raw(AgeYears))),
    ];

    /// <summary>Whether any of the fields has a value (a loop: this runs for every row of a batch).</summary>
    private static bool HasAny(FindingValues values, FindingField[] fields)
    {
        foreach (var field in fields)
        {
            if (values.Has(field))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly FrozenSet<string> SectionNames = Sections.Select(s => s.Name).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> GroupPaths = Groups.Select(g => g.Name).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>How many number slots a case's values hold (numbers, booleans, choices and sets).</summary>
    internal static int NumberSlots { get; private set; }

    /// <summary>How many text slots a case's values hold.</summary>
    internal static int TextSlots { get; private set; }

    /// <summary>The field at a path.</summary>
    public static FindingField Field(string path) =>
        ByPath.TryGetValue(path, out var field) ? field : throw new KeyNotFoundException($"No finding is called {path}.");

    /// <summary>Finds the field at a path.</summary>
    public static bool TryGet(string path, out FindingField field) => ByPath.TryGetValue(path, out field!);

    /// <summary>Whether a name is a section object (<c>patient</c>).</summary>
    public static bool IsSection(string name) => SectionNames.Contains(name);

    /// <summary>Whether a path names an object nested inside a section (<c>clinical.weaknessPattern</c>).</summary>
    public static bool IsGroup(string path) => GroupPaths.Contains(path);

    /// <summary>The property names an object (a section or a group) holds: its fields, then its groups.</summary>
    public static IEnumerable<string> PropertiesOf(string objectPath) =>
        Fields.Where(f => f.Parent == objectPath).Select(f => f.Name)
            .Concat(Groups.Where(g => g.Name.StartsWith(objectPath + ".", StringComparison.Ordinal) && g.Name.LastIndexOf('.') == objectPath.Length).Select(g => g.Name[(objectPath.Length + 1)..]));

    /// <summary>The fields of a section, in order.</summary>
    public static IEnumerable<FindingField> FieldsOf(string section) => Fields.Where(f => f.Section == section);

    private static ImmutableArray<FindingField> Number(FindingField[] fields)
    {
        // Number slots: first the fields rules read as facts of the same name, in schema order, so that the fact
        // extractor copies them as one block (fact slot i is number slot i); then those with derived facts.
        var numbers = 0;
        var texts = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i].Index = i;
            if (fields[i].Kind == FindingKind.Text)
            {
                fields[i].Slot = texts++;
            }
            else if (!fields[i].HasDerivedFacts)
            {
                fields[i].Slot = numbers++;
            }
        }

        foreach (var field in fields.Where(f => f.Kind != FindingKind.Text && f.HasDerivedFacts))
        {
            field.Slot = numbers++;
        }

        NumberSlots = numbers;
        TextSlots = texts;
        return [.. fields];
    }
}
