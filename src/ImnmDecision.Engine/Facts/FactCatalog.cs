using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// Every fact a rule may read. Most findings are facts as they are (one per entry of the findings schema, same name
/// and kind); the rest are derived from them by definitions that hold no clinical judgement (unit conversion,
/// x ULN) or produced by earlier rule kinds.
/// </summary>
public static class FactCatalog
{
    private static readonly string[] PositiveNegative = ["positive", "negative"];
    private static readonly List<FactDefinition> Declared = [];

    /// <summary>The findings read as facts of the same name and kind, in schema order: slot i is field i here.</summary>
    private static readonly FindingField[] DirectFields =
        [.. FindingsSchema.Fields.Where(f => f.Kind != FindingKind.Text && !f.HasDerivedFacts)];

    private static readonly int DirectFacts = Declare(DirectFields.Select(Direct));

    internal static readonly int CkUnitsPerLitre = Number("ck.uPerL", "U/L", "CK in U/L (ukat/L x 60), as reported (the bound, when ck.comparator says the lab gave one).");
    internal static readonly int CkUpperLimitUnitsPerLitre = Number("ck.uln", "U/L", "The lab's upper limit of normal in U/L, or the ruleset's default for the sex when absent.");
    internal static readonly int CkTimesUpperLimit = Number("ck.timesUln", "x ULN", "CK as a multiple of the upper limit of normal.");
    internal static readonly int AgeAtOnsetYears = Number("patient.ageAtOnsetYears", "years", "Age at the first muscle symptoms: patient.ageYears minus clinical.symptomOnsetYearsAgo; unknown unless both are given.");
    internal static readonly int CkElevated = Boolean("ck.elevated", "CK above the upper limit of normal; known when the CK value is given.");
    internal static readonly int Hmgcr = Values("antibodies.hmgcr", PositiveNegative, "Anti-HMGCR when conclusive; equivocal, not tested or absent is unknown.");
    internal static readonly int HmgcrReported = Enum<AntibodyResult>("antibodies.hmgcr.reported", "Anti-HMGCR as reported, including equivocal and not-tested.");
    internal static readonly int Srp = Values("antibodies.srp", PositiveNegative, "Anti-SRP when conclusive; equivocal, not tested or absent is unknown.");
    internal static readonly int SrpReported = Enum<AntibodyResult>("antibodies.srp.reported", "Anti-SRP as reported, including equivocal and not-tested.");
    internal static readonly int ImnmAntibodyPositive = Boolean("antibody.imnm.positive", "Anti-HMGCR or anti-SRP positive; false only when both are negative.");
    internal static readonly int OtherAntibodyPositive = Boolean("antibody.other.positive", "Another myositis-specific antibody positive (anti-PM/Scl and anti-Ku are myositis-associated and never count); unknown when the panel is absent.");
    internal static readonly int BiopsyPerformed = Boolean("biopsy.performed", "A muscle biopsy was performed (a reported pattern implies it).");
    internal static readonly int StatinExposed = Boolean("statin.exposed", "Current or past statin: true; never: false; unknown or absent: unknown.");
    internal static readonly int WeaknessPresent = Boolean("weakness.present", "Mild, moderate or severe weakness: true; none: false.");
    internal static readonly int PatientChild = Boolean("patient.child", "Age below the ruleset's child age (parameter age.childUnderYears); unknown without an age.");
    internal static readonly int BodySurfaceArea = Number("bsa", "m2", "Body surface area by Mosteller, sqrt(heightCm x weightKg / 3600); unknown unless both are given.");
    internal static readonly int SubtypeCodeSlot = Enum<SubtypeCode>("subtype.code", "The subtype decided by the subtype rules.", FactPhase.Subtype);
    internal static readonly int SubtypeCertainty = Enum<Certainty>("subtype.certainty", "The certainty decided by the certainty rules.", FactPhase.Certainty);
    internal static readonly int AlertsRaised = SetOf<AlertId>("alerts.raised", "The alerts raised so far.", FactPhase.Alert);
    internal static readonly int AlertsCritical = Boolean("alerts.critical", "A critical alert was raised.", FactPhase.Alert);
    internal static readonly int TreatmentOffered = SetOf<TreatmentId>("treatment.offered", "The treatment options offered so far (avoided ones included).", FactPhase.Treatment);
    internal static readonly int WorkupOutstanding = SetOf<WorkupId>("workup.outstanding", "The workup items listed as outstanding so far.", FactPhase.Workup);

    /// <summary>All facts, indexed by slot: one per finding read as it is, then the derived ones.</summary>
    public static readonly IReadOnlyList<FactDefinition> All = Declared.AsReadOnly();

    private static readonly Dictionary<string, FactDefinition> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The slot of the patient's weight (weight-based doses).</summary>
    internal static int PatientWeightKg { get; } = ByName["patient.weightKg"].Slot;

    /// <summary>The slot of the patient's height (doses per m2, adjusted body weight).</summary>
    internal static int PatientHeightCm { get; } = ByName["patient.heightCm"].Slot;

    /// <summary>The slot of the patient's sex (ideal body weight).</summary>
    internal static int PatientSex { get; } = ByName["patient.sex"].Slot;

    /// <summary>The findings read as facts of the same name, by slot.</summary>
    internal static ReadOnlySpan<FindingField> DirectFindings => DirectFields;

    /// <summary>How many facts are findings read as they are (slots 0 to this - 1).</summary>
    internal static int DirectFindingCount => DirectFacts;

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

    private static FactDefinition Direct(FindingField field) => new()
    {
        Name = field.Path,
        Type = field.Kind switch
        {
            FindingKind.Number => FactType.Number,
            FindingKind.Boolean => FactType.Boolean,
            FindingKind.Choice => FactType.Enum,
            _ => FactType.Set,
        },
        Unit = field.Unit,
        Values = field.Choices,
        Description = field.RequiresTrue is { } gate ? $"{field.Description} Unknown unless {gate} is true." : field.Description,
    };

    private static int Declare(IEnumerable<FactDefinition> facts)
    {
        foreach (var fact in facts)
        {
            Declared.Add(fact with { Slot = Declared.Count });
        }

        return Declared.Count;
    }

    private static int Declare(FactDefinition fact)
    {
        Declare([fact]);
        return Declared.Count - 1;
    }

    private static int Number(string name, string unit, string description) =>
        Declare(new FactDefinition { Name = name, Type = FactType.Number, Unit = unit, Description = description });

    private static int Boolean(string name, string description, FactPhase phase = FactPhase.Findings) =>
        Declare(new FactDefinition { Name = name, Type = FactType.Boolean, Description = description, Phase = phase });

    private static int Values(string name, string[] values, string description) =>
        Declare(new FactDefinition { Name = name, Type = FactType.Enum, Values = values, Description = description });

    private static int Enum<TEnum>(string name, string description, FactPhase phase = FactPhase.Findings)
        where TEnum : struct, System.Enum =>
        Declare(new FactDefinition { Name = name, Type = FactType.Enum, Values = JsonNames.Names<TEnum>(), Description = description, Phase = phase });

    private static int SetOf<TEnum>(string name, string description, FactPhase phase = FactPhase.Findings)
        where TEnum : struct, System.Enum =>
        Declare(new FactDefinition { Name = name, Type = FactType.Set, Values = JsonNames.Names<TEnum>(), Description = description, Phase = phase });
}
