using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// Turns findings into facts. Each finding that rules read as it is becomes its fact; the rest are derived here.
/// A missing finding stays unknown and remembers which field it came from; a finding that needs another to be
/// true (biopsy details need a biopsy) is unknown until it is. The only stand-ins are the documented ones (the
/// default ULN for the sex, U/L when the unit is absent), recorded as assumptions so the answer says so.
/// </summary>
internal sealed class FactExtractor
{
    /// <summary>1 ukat/L of CK is 60 U/L (1 U = 1 umol/min; 1 kat = 1 mol/s).</summary>
    public const double UnitsPerLitrePerMicrokatalPerLitre = 60;

    private static readonly FindingField CkValueField = FindingsSchema.Field("ck.value");
    private static readonly FindingField CkUnitField = FindingsSchema.Field("ck.unit");
    private static readonly FindingField CkUlnField = FindingsSchema.Field("ck.upperLimitOfNormal");
    private static readonly FindingField SexField = FindingsSchema.Field("patient.sex");
    private static readonly FindingField HmgcrField = FindingsSchema.Field("antibodies.hmgcr");
    private static readonly FindingField SrpField = FindingsSchema.Field("antibodies.srp");
    private static readonly FindingField OtherField = FindingsSchema.Field("antibodies.otherMyositisSpecific");
    private static readonly FindingField BiopsyField = FindingsSchema.Field("biopsy.performed");
    private static readonly FindingField StatinField = FindingsSchema.Field("statin.exposure");
    private static readonly FindingField WeaknessField = FindingsSchema.Field("clinical.proximalWeakness");
    private static readonly FindingField AgeField = FindingsSchema.Field("patient.ageYears");
    private static readonly FindingField OnsetField = FindingsSchema.Field("clinical.symptomOnsetYearsAgo");

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
    private static readonly FieldMask AgeBit = Bit(AgeField);
    private static readonly FieldMask OnsetBit = Bit(OnsetField);

    private readonly double defaultUlnFemaleUnitsPerLitre;
    private readonly double defaultUlnOtherUnitsPerLitre;
    private readonly FindingField[] direct;
    private readonly FieldMask[] missingBit;
    private readonly FindingField?[] gate;
    private readonly FindingField[][] impliedBy;
    private readonly FieldMask[] gateBit;
    private readonly FindingField[] biopsyImpliedBy;

    public FactExtractor(double defaultUlnFemaleUnitsPerLitre, double defaultUlnOtherUnitsPerLitre)
    {
        this.defaultUlnFemaleUnitsPerLitre = defaultUlnFemaleUnitsPerLitre;
        this.defaultUlnOtherUnitsPerLitre = defaultUlnOtherUnitsPerLitre;
        direct = FactCatalog.DirectFindings.ToArray();
        missingBit = [.. direct.Select(f => Bit(f))];
        gate = [.. direct.Select(f => f.RequiresTrue is { } path ? FindingsSchema.Field(path) : null)];
        impliedBy = [.. gate.Select(g => g is null ? [] : ImpliedBy(g))];
        gateBit = [.. gate.Select(g => g is null ? 0 : Bit(g))];
        biopsyImpliedBy = ImpliedBy(BiopsyField);
    }

    [MethodImpl(PerRow.Optimized)]
    public void Extract(FindingValues v, FactSet facts)
    {
        facts.Clear();
        for (var slot = 0; slot < direct.Length; slot++)
        {
            if (gate[slot] is { } required && Effective(v, required, impliedBy[slot]) != true)
            {
                facts.SetUnknown(slot, gateBit[slot]);
                continue;
            }

            var value = v.Raw(direct[slot]);
            if (double.IsNaN(value))
            {
                facts.SetUnknown(slot, missingBit[slot]);
            }
            else
            {
                facts.Set(slot, value);
            }
        }

        ExtractCk(v, facts);
        ExtractAntibodies(v, facts);
        facts.Set(FactCatalog.BiopsyPerformed, Effective(v, BiopsyField, biopsyImpliedBy), BiopsyBit);
        ExtractStatin(v, facts);

        var weakness = v.Choice<WeaknessGrade>(WeaknessField);
        facts.Set(FactCatalog.WeaknessPresent, weakness is null ? null : weakness != WeaknessGrade.None, WeaknessBit);

        var age = v.Raw(AgeField);
        var onsetYearsAgo = v.Raw(OnsetField);
        if (double.IsNaN(age) || double.IsNaN(onsetYearsAgo))
        {
            facts.SetUnknown(FactCatalog.AgeAtOnsetYears, (double.IsNaN(age) ? AgeBit : FieldMask.Zero) | (double.IsNaN(onsetYearsAgo) ? OnsetBit : FieldMask.Zero));
        }
        else
        {
            // In decimal, so that 58.3 - 18.3 is 40 and not a hair below it (age bands compare exactly).
            facts.Set(FactCatalog.AgeAtOnsetYears, (double)((decimal)age - (decimal)onsetYearsAgo));
        }
    }

    /// <summary>A true/false finding as given, or true when a finding that implies it is given.</summary>
    private static bool? Effective(FindingValues v, FindingField field, FindingField[] implying)
    {
        if (v.Boolean(field) is { } given)
        {
            return given;
        }

        foreach (var other in implying)
        {
            if (v.Has(other))
            {
                return true;
            }
        }

        return null;
    }

    private static FindingField[] ImpliedBy(FindingField field) => [.. FindingsSchema.Fields.Where(f => f.ImpliesTrue == field.Path)];

    private static FieldMask Bit(FindingField field) => field.MissingKey is { } key ? InputField.Bit(key) : FieldMask.Zero;

    [MethodImpl(PerRow.Optimized)]
    private void ExtractCk(FindingValues v, FactSet facts)
    {
        var toUnitsPerLitre = v.Choice<CkUnit>(CkUnitField) == CkUnit.MicrokatalPerLitre ? UnitsPerLitrePerMicrokatalPerLitre : 1;
        var ckValue = v.Number(CkValueField);
        var sex = v.Choice<Sex>(SexField);
        var assumed = FieldMask.Zero;
        if (ckValue is not null && !v.Has(CkUnitField))
        {
            assumed |= CkUnitBit;
        }

        double uln;
        if (v.Number(CkUlnField) is { } labUln)
        {
            uln = labUln * toUnitsPerLitre;
        }
        else
        {
            uln = sex == Sex.Female ? defaultUlnFemaleUnitsPerLitre : defaultUlnOtherUnitsPerLitre;
            if (ckValue is not null)
            {
                assumed |= CkUlnBit;
                if (sex is null or Sex.Unknown)
                {
                    assumed |= SexBit;
                }
            }
        }

        facts.Set(FactCatalog.CkUpperLimitUnitsPerLitre, uln);
        facts.AssumedFields = assumed;
        if (ckValue is { } value)
        {
            var unitsPerLitre = value * toUnitsPerLitre;
            var times = unitsPerLitre / uln;
            facts.Set(FactCatalog.CkUnitsPerLitre, unitsPerLitre);
            facts.Set(FactCatalog.CkTimesUpperLimit, times);
            facts.Set(FactCatalog.CkElevated, times > 1 ? 1 : 0);
        }
        else
        {
            var source = CkValueBit;
            facts.SetUnknown(FactCatalog.CkUnitsPerLitre, source);
            facts.SetUnknown(FactCatalog.CkTimesUpperLimit, source);
            facts.SetUnknown(FactCatalog.CkElevated, source);
        }
    }

    [MethodImpl(PerRow.Optimized)]
    private static void ExtractAntibodies(FindingValues v, FactSet facts)
    {
        var hmgcr = v.Choice<AntibodyResult>(HmgcrField);
        var srp = v.Choice<AntibodyResult>(SrpField);
        SetConclusive(facts, FactCatalog.Hmgcr, hmgcr, HmgcrBit);
        facts.SetOrdinal(FactCatalog.HmgcrReported, (int?)hmgcr, HmgcrBit);
        SetConclusive(facts, FactCatalog.Srp, srp, SrpBit);
        facts.SetOrdinal(FactCatalog.SrpReported, (int?)srp, SrpBit);

        if (hmgcr == AntibodyResult.Positive || srp == AntibodyResult.Positive)
        {
            facts.Set(FactCatalog.ImnmAntibodyPositive, 1);
        }
        else if (hmgcr == AntibodyResult.Negative && srp == AntibodyResult.Negative)
        {
            facts.Set(FactCatalog.ImnmAntibodyPositive, 0);
        }
        else
        {
            var sources = (hmgcr == AntibodyResult.Negative ? 0 : HmgcrBit) | (srp == AntibodyResult.Negative ? 0 : SrpBit);
            facts.SetUnknown(FactCatalog.ImnmAntibodyPositive, sources);
        }

        facts.Set(FactCatalog.OtherAntibodyPositive, v.Set(OtherField) is { } mask ? mask != 0 : null, OtherBit);
    }

    private static void SetConclusive(FactSet facts, int slot, AntibodyResult? result, FieldMask field)
    {
        if (result is AntibodyResult.Positive or AntibodyResult.Negative)
        {
            facts.Set(slot, (int)result.Value);
        }
        else
        {
            facts.SetUnknown(slot, field);
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
