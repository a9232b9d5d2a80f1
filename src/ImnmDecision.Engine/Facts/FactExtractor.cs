using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// Turns findings into facts. Each finding that rules read as it is becomes its fact; the rest are derived here.
/// A missing finding stays unknown and remembers which field it came from; a finding that needs another to be
/// true (biopsy details need a biopsy) is unknown until it is. The only stand-ins are the documented ones (the
/// default ULN for the sex, U/L when the unit is absent), recorded as assumptions so the answer says so.
/// </summary>
internal sealed class FactExtractor
{
    private static readonly FindingField CkValueField = FindingsSchema.Field("ck.value");
    private static readonly FindingField CkUnitField = FindingsSchema.Field("ck.unit");
    private static readonly FindingField CkUlnField = FindingsSchema.Field("ck.upperLimitOfNormal");
    private static readonly FindingField CkComparatorField = FindingsSchema.Field("ck.comparator");
    private static readonly FindingField SexField = FindingsSchema.Field("patient.sex");
    private static readonly FindingField HmgcrField = FindingsSchema.Field("antibodies.hmgcr");
    private static readonly FindingField SrpField = FindingsSchema.Field("antibodies.srp");
    private static readonly FindingField OtherField = FindingsSchema.Field("antibodies.otherMyositisSpecific");
    private static readonly FindingField BiopsyField = FindingsSchema.Field("biopsy.performed");
    private static readonly FindingField StatinField = FindingsSchema.Field("statin.exposure");
    private static readonly FindingField WeaknessField = FindingsSchema.Field("clinical.proximalWeakness");
    private static readonly FindingField AgeField = FindingsSchema.Field("patient.ageYears");
    private static readonly FindingField WeightField = FindingsSchema.Field("patient.weightKg");
    private static readonly FindingField HeightField = FindingsSchema.Field("patient.heightCm");

    private static readonly FieldMask CkValueBit = Bit(CkValueField);
    private static readonly FieldMask CkUnitBit = Bit(CkUnitField);
    private static readonly FieldMask CkUlnBit = Bit(CkUlnField);
    private static readonly FieldMask SexBit = Bit(SexField);
    private static readonly FieldMask HmgcrBit = Bit(HmgcrField);
    private static readonly FieldMask SrpBit = Bit(SrpField);
    private static readonly FieldMask OtherBit = Bit(OtherField);
    private static readonly FieldMask BiopsyBit = Bit(BiopsyField);
    private static readonly FieldMask StatinBit = Bit(StatinField);
    private static readonly FieldMask WeaknessBit = Bit(WeaknessField);

    /// <summary>
    /// Anti-PM/Scl and anti-Ku, which 2026.11 accepted among the myositis-specific antibodies, are myositis-associated
    /// (the decision table's definition of <c>antibody.other.positive</c>): they never count as another specific antibody.
    /// </summary>
    private static readonly ulong AssociatedInSpecificList = (1UL << (int)MyositisAntibody.PmScl) | (1UL << (int)MyositisAntibody.Ku);
    private const double Positive = (int)AntibodyResult.Positive;
    private const double Negative = (int)AntibodyResult.Negative;

    private static readonly FieldMask AgeBit = Bit(AgeField);
    private static readonly FieldMask WeightBit = Bit(WeightField);
    private static readonly FieldMask HeightBit = Bit(HeightField);
    private static readonly FindingField OnsetField = FindingsSchema.Field("clinical.symptomOnsetYearsAgo");
    private static readonly FieldMask OnsetBit = Bit(OnsetField);

    private readonly CkArithmetic ck;
    private readonly FieldMask[] missingBit;
    private readonly int[][] gatedSlots; // per gate, the slots of the findings that need it
    private readonly FindingField[] gates;
    private readonly int[][] gateImpliedBy;
    private readonly FieldMask[] gateBit;
    private readonly int[] biopsyImpliedBy;
    private readonly int biopsyGate; // the biopsy's place among the gates (its details need it), or -1

    /// <param name="defaultUlnFemaleUnitsPerLitre">The default CK ULN for women (a ruleset parameter).</param>
    /// <param name="defaultUlnOtherUnitsPerLitre">The default CK ULN for men (a ruleset parameter).</param>
    /// <param name="timesUlnThresholds">The values rules compare <c>ck.timesUln</c> with (see <see cref="CkArithmetic"/>).</param>
    /// <param name="timesUlnComparisons">How rules compare <c>ck.timesUln</c> (operator and number), when known (see <see cref="CkArithmetic"/>).</param>
    public FactExtractor(
        double defaultUlnFemaleUnitsPerLitre,
        double defaultUlnOtherUnitsPerLitre,
        IEnumerable<double>? timesUlnThresholds = null,
        IEnumerable<(LeafOperator Op, double Value)>? timesUlnComparisons = null)
    {
        ck = new CkArithmetic(defaultUlnFemaleUnitsPerLitre, defaultUlnOtherUnitsPerLitre, timesUlnThresholds ?? [], timesUlnComparisons);
        var direct = FactCatalog.DirectFindings.ToArray();
        if (direct.Where((field, slot) => field.Slot != slot).Any())
        {
            throw new InvalidOperationException("The findings schema must give the fields read as facts the first number slots, in fact order.");
        }

        missingBit = [.. direct.Select(f => Bit(f))];
        gates = [.. direct.Select(f => f.RequiresTrue).OfType<string>().Distinct().Select(FindingsSchema.Field)];
        var gateOf = direct.Select(f => f.RequiresTrue is { } path ? Array.FindIndex(gates, g => g.Path == path) : -1).ToArray();
        gatedSlots = [.. gates.Select((_, g) => Enumerable.Range(0, gateOf.Length).Where(slot => gateOf[slot] == g).ToArray())];
        gateImpliedBy = [.. gates.Select(ImpliedBy)];
        gateBit = [.. gates.Select(g => Bit(g))];
        biopsyImpliedBy = ImpliedBy(BiopsyField);
        biopsyGate = Array.IndexOf(gates, BiopsyField);
    }

    /// <summary>Patients younger than this many years are children (ruleset parameter age.childUnderYears).</summary>
    public required double ChildUnderYears { get; init; }

    public void Extract(FindingValues v, FactSet facts)
    {
        facts.Begin(missingBit.Length);

        // The findings read as they are, in one pass (one sequential read of the case, before any other reads it);
        // then a closed gate makes its findings unknown, sourced to the gate.
        facts.Load(v.Numbers, missingBit);

        // A finding that needs another to be true (biopsy details need a biopsy): each such gate is decided once,
        // and while it is not true, its findings are unknown, sourced to the gate.
        bool? biopsy = null;
        for (var g = 0; g < gates.Length; g++)
        {
            var effective = Effective(v, gates[g], gateImpliedBy[g]);
            if (effective != true)
            {
                facts.SetUnknown(gatedSlots[g], gateBit[g]);
            }

            biopsy = g == biopsyGate ? effective : biopsy;
        }

        ExtractCk(v, facts);
        ExtractAntibodies(v, facts);
        facts.Set(FactCatalog.BiopsyPerformed, biopsyGate >= 0 ? biopsy : Effective(v, BiopsyField, biopsyImpliedBy), BiopsyBit);
        ExtractStatin(v, facts);

        var weakness = v.Choice<WeaknessGrade>(WeaknessField);
        facts.Set(FactCatalog.WeaknessPresent, weakness is null ? null : weakness != WeaknessGrade.None, WeaknessBit);
        ExtractBody(v, facts);
        ExtractAgeAtOnset(v, facts);
    }

    /// <summary>Whether the patient is a child, and the body surface area by Mosteller when weight and height are known.</summary>
    private void ExtractBody(FindingValues v, FactSet facts)
    {
        var age = v.Number(AgeField);
        facts.Set(FactCatalog.PatientChild, age is { } years ? years < ChildUnderYears : null, AgeBit);
        var weight = v.Number(WeightField);
        var height = v.Number(HeightField);
        if (weight is { } kg && height is { } cm)
        {
            facts.Set(FactCatalog.BodySurfaceArea, Math.Sqrt(cm * kg / 3600));
        }
        else
        {
            facts.SetUnknown(FactCatalog.BodySurfaceArea, (weight is null ? WeightBit : 0) | (height is null ? HeightBit : 0));
        }
    }

    /// <summary>Age at onset, in decimal like CK (45.3 - 5.3 is 40, not 39.99999999999999: a threshold of 40 compares exactly).</summary>
    private static void ExtractAgeAtOnset(FindingValues v, FactSet facts)
    {
        if (v.Number(AgeField) is { } age && v.Number(OnsetField) is { } yearsAgo)
        {
            facts.Set(FactCatalog.AgeAtOnsetYears, (double)((decimal)age - (decimal)yearsAgo));
        }
        else
        {
            facts.SetUnknown(FactCatalog.AgeAtOnsetYears, (v.Has(AgeField) ? 0 : AgeBit) | (v.Has(OnsetField) ? 0 : OnsetBit));
        }
    }

    /// <summary>A true/false finding as given, or true when a finding that implies it is given (<paramref name="implying"/>: their number slots).</summary>
    private static bool? Effective(FindingValues v, FindingField field, int[] implying)
    {
        if (v.Boolean(field) is { } given)
        {
            return given;
        }

        var numbers = v.Numbers;
        foreach (var slot in implying)
        {
            if (!double.IsNaN(numbers[slot]))
            {
                return true;
            }
        }

        return null;
    }

    /// <summary>The number slots of the findings that imply <paramref name="field"/> true when given.</summary>
    private static int[] ImpliedBy(FindingField field)
    {
        var implying = FindingsSchema.Fields.Where(f => f.ImpliesTrue == field.Path).ToArray();
        return implying.Any(f => f.Kind == FindingKind.Text)
            ? throw new InvalidOperationException($"{field.Path} is implied by a text field, which has no number slot.")
            : [.. implying.Select(f => f.Slot)];
    }

    private static FieldMask Bit(FindingField field) => field.MissingKey is { } key ? InputField.Bit(key) : FieldMask.Zero;

    private void ExtractCk(FindingValues v, FactSet facts)
    {
        var microkatal = v.Choice<CkUnit>(CkUnitField) == CkUnit.MicrokatalPerLitre;
        var ckValue = v.Number(CkValueField);
        var labUln = v.Number(CkUlnField);
        var sex = v.Choice<Sex>(SexField);
        bool? female = sex switch
        {
            Sex.Female => true,
            Sex.Male => false,
            _ => null, // other, unknown or absent: both defaults apply
        };

        var assumed = FieldMask.Zero;
        if (ckValue is not null && !v.Has(CkUnitField))
        {
            assumed |= CkUnitBit;
        }

        // Without the lab's ULN, a default stands in; when both defaults apply, facts they disagree on are unknown.
        var ulnSources = CkUlnBit;
        if (labUln is null && ckValue is not null)
        {
            assumed |= CkUlnBit;
            if (sex is null or Sex.Unknown)
            {
                assumed |= SexBit;
                ulnSources |= SexBit;
            }
        }

        facts.AssumedFields = assumed;
        var bound = v.Choice<CkComparator>(CkComparatorField);
        var reading = ck.Read(ckValue, labUln, microkatal, female, bound);
        SetOrUnknown(facts, FactCatalog.CkUpperLimitUnitsPerLitre, reading.UpperLimitUnitsPerLitre, ulnSources);

        // A CK reported only as a bound leaves unknown what the bound does not settle: the exact value is missing.
        var source = ckValue is null ? CkValueBit : bound is null ? ulnSources : (labUln is null ? ulnSources : FieldMask.Zero) | CkValueBit;
        SetOrUnknown(facts, FactCatalog.CkUnitsPerLitre, reading.UnitsPerLitre, CkValueBit);
        SetOrUnknown(facts, FactCatalog.CkTimesUpperLimit, reading.TimesUpperLimit, source);
        SetOrUnknown(facts, FactCatalog.CkElevated, reading.Elevated, source);
    }

    private static void SetOrUnknown(FactSet facts, int slot, double value, FieldMask sourcesWhenUnknown)
    {
        if (double.IsNaN(value))
        {
            facts.SetUnknown(slot, sourcesWhenUnknown);
        }
        else
        {
            facts.Set(slot, Finite(value));
        }
    }

    /// <summary>
    /// A figure past double's range (a CK of 1e308 in ukat/L, a limit of 5e-324) is past every threshold as
    /// double.MaxValue too, and keeps the answer valid JSON, which has no infinity.
    /// </summary>
    private static double Finite(double value) => double.IsFinite(value) ? value : double.MaxValue;

    private static void ExtractAntibodies(FindingValues v, FactSet facts)
    {
        // The raw slots: a result's ordinal, NaN when absent (which compares equal to no result).
        var hmgcr = v.Raw(HmgcrField);
        var srp = v.Raw(SrpField);
        SetResult(facts, FactCatalog.Hmgcr, FactCatalog.HmgcrReported, hmgcr, HmgcrBit);
        SetResult(facts, FactCatalog.Srp, FactCatalog.SrpReported, srp, SrpBit);

        if (hmgcr == Positive || srp == Positive)
        {
            facts.Set(FactCatalog.ImnmAntibodyPositive, 1);
        }
        else if (hmgcr == Negative && srp == Negative)
        {
            facts.Set(FactCatalog.ImnmAntibodyPositive, 0);
        }
        else
        {
            var sources = (hmgcr == Negative ? 0 : HmgcrBit) | (srp == Negative ? 0 : SrpBit);
            facts.SetUnknown(FactCatalog.ImnmAntibodyPositive, sources);
        }

        facts.Set(FactCatalog.OtherAntibodyPositive, v.Set(OtherField) is { } mask ? (mask & ~AssociatedInSpecificList) != 0 : null, OtherBit);
    }

    /// <summary>
    /// An antibody's facts from its result's raw slot: as reported (any result), and when conclusive (positive or
    /// negative; equivocal, not tested or absent is unknown).
    /// </summary>
    private static void SetResult(FactSet facts, int conclusiveSlot, int reportedSlot, double result, FieldMask field)
    {
        if (double.IsNaN(result))
        {
            facts.SetUnknown(reportedSlot, field);
            facts.SetUnknown(conclusiveSlot, field);
            return;
        }

        facts.Set(reportedSlot, result);
        if (result == Positive || result == Negative)
        {
            facts.Set(conclusiveSlot, result);
        }
        else
        {
            facts.SetUnknown(conclusiveSlot, field);
        }
    }

    private static void ExtractStatin(FindingValues v, FactSet facts)
    {
        bool? exposed = v.Choice<StatinExposure>(StatinField) switch
        {
            StatinExposure.Current or StatinExposure.Past => true,
            StatinExposure.Never => false,
            _ => null,
        };
        facts.Set(FactCatalog.StatinExposed, exposed, StatinBit);
    }
}
