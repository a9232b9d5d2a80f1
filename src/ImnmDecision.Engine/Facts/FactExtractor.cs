using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// Turns findings into facts. A missing finding stays unknown and remembers which field it came from; the
/// only stand-ins are the documented ones (the default ULN for the sex, U/L when the unit is absent), and
/// those are recorded as assumptions so the answer says so.
/// </summary>
internal sealed class FactExtractor(double defaultUlnFemaleUnitsPerLitre, double defaultUlnOtherUnitsPerLitre)
{
    /// <summary>1 ukat/L of CK is 60 U/L (1 U = 1 umol/min; 1 kat = 1 mol/s).</summary>
    public const double UnitsPerLitrePerMicrokatalPerLitre = 60;

    private static readonly ulong CkValue = InputField.Bit("ck.value");
    private static readonly ulong CkUnitField = InputField.Bit("ck.unit");
    private static readonly ulong CkUln = InputField.Bit("ck.upperLimitOfNormal");
    private static readonly ulong HmgcrField = InputField.Bit("antibodies.hmgcr");
    private static readonly ulong SrpField = InputField.Bit("antibodies.srp");
    private static readonly ulong OtherField = InputField.Bit("antibodies.otherMyositisSpecific");
    private static readonly ulong BiopsyField = InputField.Bit("biopsy");
    private static readonly ulong BiopsyPatternField = InputField.Bit("biopsy.pattern");
    private static readonly ulong StatinField = InputField.Bit("statin.exposure");
    private static readonly ulong WeaknessField = InputField.Bit("clinical.proximalWeakness");
    private static readonly ulong SexField = InputField.Bit("patient.sex");
    private static readonly ulong BiopsyMhc1DiffuseField = InputField.Bit("biopsy.mhc1Diffuse");
    private static readonly ulong BiopsySarcolemmalMacField = InputField.Bit("biopsy.sarcolemmalMac");
    private static readonly ulong ClinicalCardiacSymptomsField = InputField.Bit("clinical.cardiacSymptoms");
    private static readonly ulong ClinicalDysphagiaField = InputField.Bit("clinical.dysphagia");
    private static readonly ulong ClinicalMyalgiaField = InputField.Bit("clinical.myalgia");
    private static readonly ulong ClinicalOnsetField = InputField.Bit("clinical.onset");
    private static readonly ulong ClinicalRashField = InputField.Bit("clinical.rash");
    private static readonly ulong ClinicalRespiratoryWeaknessField = InputField.Bit("clinical.respiratoryWeakness");
    private static readonly ulong ComorbiditiesDiabetesField = InputField.Bit("comorbidities.diabetes");
    private static readonly ulong ComorbiditiesHepaticImpairmentField = InputField.Bit("comorbidities.hepaticImpairment");
    private static readonly ulong ComorbiditiesInterstitialLungDiseaseField = InputField.Bit("comorbidities.interstitialLungDisease");
    private static readonly ulong ComorbiditiesKnownMalignancyField = InputField.Bit("comorbidities.knownMalignancy");
    private static readonly ulong ComorbiditiesRenalImpairmentField = InputField.Bit("comorbidities.renalImpairment");
    private static readonly ulong ComorbiditiesThromboembolicRiskField = InputField.Bit("comorbidities.thromboembolicRisk");
    private static readonly ulong PatientAgeYearsField = InputField.Bit("patient.ageYears");
    private static readonly ulong PatientPregnantField = InputField.Bit("patient.pregnant");
    private static readonly ulong PatientWeightKgField = InputField.Bit("patient.weightKg");

    [MethodImpl(PerRow.Optimized)]
    public void Extract(in FindingValues v, FactSet facts)
    {
        facts.Clear();
        SetNumber(facts, FactCatalog.PatientAgeYears, v.AgeYears, PatientAgeYearsField);
        facts.SetOrdinal(FactCatalog.PatientSex, (int?)v.Sex, SexField);
        SetNumber(facts, FactCatalog.PatientWeightKg, v.WeightKg, PatientWeightKgField);
        facts.Set(FactCatalog.PatientPregnant, v.Pregnant, PatientPregnantField);
        ExtractCk(v, facts);
        ExtractAntibodies(v, facts);
        ExtractBiopsy(v, facts);
        ExtractStatin(v.StatinExposure, facts);

        var weakness = v.ProximalWeakness;
        facts.SetOrdinal(FactCatalog.ProximalWeakness, (int?)weakness, WeaknessField);
        facts.Set(FactCatalog.WeaknessPresent, weakness is null ? null : weakness != WeaknessGrade.None, WeaknessField);
        facts.SetOrdinal(FactCatalog.OnsetSlot, (int?)v.Onset, ClinicalOnsetField);
        facts.Set(FactCatalog.Dysphagia, v.Dysphagia, ClinicalDysphagiaField);
        facts.Set(FactCatalog.RespiratoryWeakness, v.RespiratoryWeakness, ClinicalRespiratoryWeaknessField);
        facts.Set(FactCatalog.CardiacSymptoms, v.CardiacSymptoms, ClinicalCardiacSymptomsField);
        facts.Set(FactCatalog.Rash, v.Rash, ClinicalRashField);
        facts.Set(FactCatalog.Myalgia, v.Myalgia, ClinicalMyalgiaField);

        facts.Set(FactCatalog.KnownMalignancy, v.KnownMalignancy, ComorbiditiesKnownMalignancyField);
        facts.Set(FactCatalog.InterstitialLungDisease, v.InterstitialLungDisease, ComorbiditiesInterstitialLungDiseaseField);
        facts.Set(FactCatalog.RenalImpairment, v.RenalImpairment, ComorbiditiesRenalImpairmentField);
        facts.Set(FactCatalog.HepaticImpairment, v.HepaticImpairment, ComorbiditiesHepaticImpairmentField);
        facts.Set(FactCatalog.Diabetes, v.Diabetes, ComorbiditiesDiabetesField);
        facts.Set(FactCatalog.ThromboembolicRisk, v.ThromboembolicRisk, ComorbiditiesThromboembolicRiskField);
    }

    [MethodImpl(PerRow.Optimized)]
    private void ExtractCk(in FindingValues v, FactSet facts)
    {
        var toUnitsPerLitre = v.CkUnit == CkUnit.MicrokatalPerLitre ? UnitsPerLitrePerMicrokatalPerLitre : 1;
        var assumed = 0UL;
        if (v.CkValue is not null && v.CkUnit is null)
        {
            assumed |= CkUnitField;
        }

        double uln;
        if (v.CkUpperLimitOfNormal is { } labUln)
        {
            uln = labUln * toUnitsPerLitre;
        }
        else
        {
            uln = v.Sex == Sex.Female ? defaultUlnFemaleUnitsPerLitre : defaultUlnOtherUnitsPerLitre;
            if (v.CkValue is not null)
            {
                assumed |= CkUln;
                if (v.Sex is null or Sex.Unknown)
                {
                    assumed |= SexField;
                }
            }
        }

        facts.Set(FactCatalog.CkUpperLimitUnitsPerLitre, uln);
        facts.AssumedFields = assumed;
        if (v.CkValue is { } value)
        {
            var unitsPerLitre = value * toUnitsPerLitre;
            var times = unitsPerLitre / uln;
            facts.Set(FactCatalog.CkUnitsPerLitre, unitsPerLitre);
            facts.Set(FactCatalog.CkTimesUpperLimit, times);
            facts.Set(FactCatalog.CkElevated, times > 1 ? 1 : 0);
        }
        else
        {
            facts.SetUnknown(FactCatalog.CkUnitsPerLitre, CkValue);
            facts.SetUnknown(FactCatalog.CkTimesUpperLimit, CkValue);
            facts.SetUnknown(FactCatalog.CkElevated, CkValue);
        }
    }

    [MethodImpl(PerRow.Optimized)]
    private static void ExtractAntibodies(in FindingValues v, FactSet facts)
    {
        var hmgcr = v.Hmgcr;
        var srp = v.Srp;
        SetConclusive(facts, FactCatalog.Hmgcr, hmgcr, HmgcrField);
        facts.SetOrdinal(FactCatalog.HmgcrReported, (int?)hmgcr, HmgcrField);
        SetConclusive(facts, FactCatalog.Srp, srp, SrpField);
        facts.SetOrdinal(FactCatalog.SrpReported, (int?)srp, SrpField);

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
            var sources = (hmgcr == AntibodyResult.Negative ? 0 : HmgcrField) | (srp == AntibodyResult.Negative ? 0 : SrpField);
            facts.SetUnknown(FactCatalog.ImnmAntibodyPositive, sources);
        }

        if (v.OtherMyositisSpecific is { } others)
        {
            var mask = 0UL;
            for (var i = 0; i < others.Count; i++)
            {
                mask |= 1UL << (int)others[i];
            }

            facts.Set(FactCatalog.OtherAntibodies, mask);
            facts.Set(FactCatalog.OtherAntibodyPositive, mask != 0 ? 1 : 0);
        }
        else
        {
            facts.SetUnknown(FactCatalog.OtherAntibodies, OtherField);
            facts.SetUnknown(FactCatalog.OtherAntibodyPositive, OtherField);
        }
    }

    private static void SetConclusive(FactSet facts, int slot, AntibodyResult? result, ulong field)
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

    private static void ExtractBiopsy(in FindingValues v, FactSet facts)
    {
        // A reported pattern or stain implies the biopsy was performed.
        var performed = v.BiopsyPerformed ?? (v.BiopsyPattern is not null ? true : null);
        facts.Set(FactCatalog.BiopsyPerformed, performed, BiopsyField);
        var notDone = performed == true ? BiopsyPatternField : BiopsyField;
        facts.SetOrdinal(FactCatalog.BiopsyPatternSlot, performed == true ? (int?)v.BiopsyPattern : null, notDone);
        facts.Set(FactCatalog.BiopsyMhc1Diffuse, performed == true ? v.Mhc1Diffuse : null,
            performed == true ? BiopsyMhc1DiffuseField : BiopsyField);
        facts.Set(FactCatalog.BiopsySarcolemmalMac, performed == true ? v.SarcolemmalMac : null,
            performed == true ? BiopsySarcolemmalMacField : BiopsyField);
    }

    [MethodImpl(PerRow.Optimized)]
    private static void ExtractStatin(StatinExposure? exposure, FactSet facts)
    {
        facts.SetOrdinal(FactCatalog.StatinExposureSlot, (int?)exposure, StatinField);
        bool? exposed = exposure switch
        {
            StatinExposure.Current or StatinExposure.Past => true,
            StatinExposure.Never => false,
            _ => null,
        };
        facts.Set(FactCatalog.StatinExposed, exposed, StatinField);
    }

    private static void SetNumber(FactSet facts, int slot, double? value, ulong field)
    {
        if (value is { } known)
        {
            facts.Set(slot, known);
        }
        else
        {
            facts.SetUnknown(slot, field);
        }
    }
}
