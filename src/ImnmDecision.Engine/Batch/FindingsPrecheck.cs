using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// The rules of <see cref="FindingsValidator"/> written as plain comparisons, so that a batch validates a
/// valid case in nanoseconds instead of microseconds. It decides only validity: a case it finds invalid is
/// validated again by <see cref="FindingsValidator"/>, whose messages the error row carries, so batch errors
/// are exactly the single endpoint's. Tests keep the two in step (the same verdict on generated cohorts and
/// on every boundary, and a count of the validator's rules that fails when one is added).
/// </summary>
internal static class FindingsPrecheck
{
    /// <summary>Whether <see cref="FindingsValidator"/> accepts the case.</summary>
    public static bool IsValid(Findings findings)
    {
        if (findings.CaseId is { Length: > FindingsValidator.MaxCaseIdLength })
        {
            return false;
        }

        if (findings.Patient is { } patient
            && (patient.AgeYears is { } age && !(age >= 0 && age <= 120)
                || !Defined(patient.Sex)
                || patient.WeightKg is { } weight && !(weight >= 1 && weight <= 400)
                || patient.Pregnant == true && patient.Sex == Sex.Male))
        {
            return false;
        }

        if (findings.Ck is { } ck
            && (ck.Value is { } value && !(double.IsFinite(value) && value >= 0)
                || !Defined(ck.Unit)
                || ck.UpperLimitOfNormal is { } uln && !(double.IsFinite(uln) && uln > 0)))
        {
            return false;
        }

        if (findings.Antibodies is { } antibodies
            && (!Defined(antibodies.Hmgcr) || !Defined(antibodies.Srp) || !AllDefined(antibodies.OtherMyositisSpecific)))
        {
            return false;
        }

        if (findings.Biopsy is { } biopsy
            && (!Defined(biopsy.Pattern)
                || biopsy.Performed == false && (biopsy.Pattern is not null || biopsy.Mhc1Diffuse is not null || biopsy.SarcolemmalMac is not null)))
        {
            return false;
        }

        if (findings.Statin is { } statin && (!Defined(statin.Exposure) || statin.Drug is { Length: > 64 }))
        {
            return false;
        }

        if (findings.Clinical is { } clinical && (!Defined(clinical.ProximalWeakness) || !Defined(clinical.Onset)))
        {
            return false;
        }

        return HasAnyFinding(findings);
    }

    /// <summary>The validator's "the case holds no findings" rule.</summary>
    private static bool HasAnyFinding(Findings f) =>
        f.Patient is { } p && (p.AgeYears is not null || p.WeightKg is not null || p.Sex is not null || p.Pregnant is not null)
        || f.Ck is { } ck && (ck.Value is not null || ck.UpperLimitOfNormal is not null)
        || f.Antibodies is { } a && (a.Hmgcr is not null || a.Srp is not null || a.OtherMyositisSpecific is not null)
        || f.Biopsy is { } b && (b.Performed is not null || b.Mhc1Diffuse is not null || b.SarcolemmalMac is not null || b.Pattern is not null)
        || f.Statin?.Exposure is not null
        || f.Clinical is { } c && (c.ProximalWeakness is not null || c.Onset is not null || c.Dysphagia is not null
            || c.RespiratoryWeakness is not null || c.CardiacSymptoms is not null || c.Rash is not null || c.Myalgia is not null)
        || f.Comorbidities is { } m && (m.KnownMalignancy is not null || m.InterstitialLungDisease is not null || m.RenalImpairment is not null
            || m.HepaticImpairment is not null || m.Diabetes is not null || m.ThromboembolicRisk is not null);

    private static bool Defined<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is not { } v || Enum.IsDefined(v);

    private static bool AllDefined(IReadOnlyList<MyositisAntibody>? values)
    {
        if (values is null)
        {
            return true;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!Enum.IsDefined(values[i]))
            {
                return false;
            }
        }

        return true;
    }
}
