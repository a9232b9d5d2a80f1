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

    public void Extract(Findings findings, FactSet facts)
    {
        facts.Clear();
        ExtractPatient(findings.Patient, facts);
        ExtractCk(findings.Ck, findings.Patient?.Sex, facts);
        ExtractAntibodies(findings.Antibodies, facts);
        ExtractBiopsy(findings.Biopsy, facts);
        ExtractStatin(findings.Statin, facts);
        ExtractClinical(findings.Clinical, facts);
        ExtractComorbidities(findings.Comorbidities, facts);
    }

    private static void ExtractPatient(PatientFindings? patient, FactSet facts)
    {
        SetNumber(facts, FactCatalog.PatientAgeYears, patient?.AgeYears, PatientAgeYearsField);
        facts.SetOrdinal(FactCatalog.PatientSex, (int?)patient?.Sex, SexField);
        SetNumber(facts, FactCatalog.PatientWeightKg, patient?.WeightKg, PatientWeightKgField);
        facts.Set(FactCatalog.PatientPregnant, patient?.Pregnant, PatientPregnantField);
    }

    private void ExtractCk(CkFindings? ck, Sex? sex, FactSet facts)
    {
        var toUnitsPerLitre = ck?.Unit == CkUnit.MicrokatalPerLitre ? UnitsPerLitrePerMicrokatalPerLitre : 1;
        var assumed = 0UL;
        if (ck?.Value is not null && ck.Unit is null)
        {
            assumed |= CkUnitField;
        }

        double uln;
        if (ck?.UpperLimitOfNormal is { } labUln)
        {
            uln = labUln * toUnitsPerLitre;
        }
        else
        {
            uln = sex == Sex.Female ? defaultUlnFemaleUnitsPerLitre : defaultUlnOtherUnitsPerLitre;
            if (ck?.Value is not null)
            {
                assumed |= CkUln;
                if (sex is null or Sex.Unknown)
                {
                    assumed |= SexField;
                }
            }
        }

        facts.Set(FactCatalog.CkUpperLimitUnitsPerLitre, uln);
        facts.AssumedFields = assumed;
        if (ck?.Value is { } value)
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

    private static void ExtractAntibodies(AntibodyFindings? antibodies, FactSet facts)
    {
        var hmgcr = antibodies?.Hmgcr;
        var srp = antibodies?.Srp;
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

        if (antibodies?.OtherMyositisSpecific is { } others)
        {
            var mask = 0UL;
            foreach (var antibody in others)
            {
                mask |= 1UL << (int)antibody;
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

    private static void ExtractBiopsy(BiopsyFindings? biopsy, FactSet facts)
    {
        // A reported pattern or stain implies the biopsy was performed.
        var performed = biopsy?.Performed ?? (biopsy?.Pattern is not null ? true : null);
        facts.Set(FactCatalog.BiopsyPerformed, performed, BiopsyField);
        var notDone = performed == true ? BiopsyPatternField : BiopsyField;
        facts.SetOrdinal(FactCatalog.BiopsyPatternSlot, performed == true ? (int?)biopsy?.Pattern : null, notDone);
        facts.Set(FactCatalog.BiopsyMhc1Diffuse, performed == true ? biopsy?.Mhc1Diffuse : null,
            performed == true ? BiopsyMhc1DiffuseField : BiopsyField);
        facts.Set(FactCatalog.BiopsySarcolemmalMac, performed == true ? biopsy?.SarcolemmalMac : null,
            performed == true ? BiopsySarcolemmalMacField : BiopsyField);
    }

    private static void ExtractStatin(StatinFindings? statin, FactSet facts)
    {
        var exposure = statin?.Exposure;
        facts.SetOrdinal(FactCatalog.StatinExposureSlot, (int?)exposure, StatinField);
        bool? exposed = exposure switch
        {
            StatinExposure.Current or StatinExposure.Past => true,
            StatinExposure.Never => false,
            _ => null,
        };
        facts.Set(FactCatalog.StatinExposed, exposed, StatinField);
    }

    private static void ExtractClinical(ClinicalFindings? clinical, FactSet facts)
    {
        var weakness = clinical?.ProximalWeakness;
        facts.SetOrdinal(FactCatalog.ProximalWeakness, (int?)weakness, WeaknessField);
        facts.Set(FactCatalog.WeaknessPresent, weakness is null ? null : weakness != WeaknessGrade.None, WeaknessField);
        facts.SetOrdinal(FactCatalog.OnsetSlot, (int?)clinical?.Onset, ClinicalOnsetField);
        facts.Set(FactCatalog.Dysphagia, clinical?.Dysphagia, ClinicalDysphagiaField);
        facts.Set(FactCatalog.RespiratoryWeakness, clinical?.RespiratoryWeakness, ClinicalRespiratoryWeaknessField);
        facts.Set(FactCatalog.CardiacSymptoms, clinical?.CardiacSymptoms, ClinicalCardiacSymptomsField);
        facts.Set(FactCatalog.Rash, clinical?.Rash, ClinicalRashField);
        facts.Set(FactCatalog.Myalgia, clinical?.Myalgia, ClinicalMyalgiaField);
    }

    private static void ExtractComorbidities(ComorbidityFindings? comorbidities, FactSet facts)
    {
        facts.Set(FactCatalog.KnownMalignancy, comorbidities?.KnownMalignancy, ComorbiditiesKnownMalignancyField);
        facts.Set(FactCatalog.InterstitialLungDisease, comorbidities?.InterstitialLungDisease, ComorbiditiesInterstitialLungDiseaseField);
        facts.Set(FactCatalog.RenalImpairment, comorbidities?.RenalImpairment, ComorbiditiesRenalImpairmentField);
        facts.Set(FactCatalog.HepaticImpairment, comorbidities?.HepaticImpairment, ComorbiditiesHepaticImpairmentField);
        facts.Set(FactCatalog.Diabetes, comorbidities?.Diabetes, ComorbiditiesDiabetesField);
        facts.Set(FactCatalog.ThromboembolicRisk, comorbidities?.ThromboembolicRisk, ComorbiditiesThromboembolicRiskField);
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
