using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Tests.Properties;

/// <summary>
/// The plausible values of one absent field of a case, as raw values of the findings: every choice of an enum
/// field; true and false; for a set the empty set and each single member; for a number its schema bounds and,
/// for every number the loaded ruleset compares that finding (or a fact derived from it) with, the value that
/// reaches it in this case and values just either side. Values the checks of the findings refuse are left out, and
/// so is a pregnancy for a patient the decision table never asks it of (male or other sex, or an age outside the
/// ruleset's childbearing band): a recorded pregnancy is heeded there, but its absence is not missing.
/// </summary>
internal sealed class FieldFillings
{
    /// <summary>How far either side of a threshold a probe goes (in the finding's own unit).</summary>
    private const double Step = 0.01;

    /// <summary>A number field without an upper bound is probed this high as well.</summary>
    private const double Large = 1_000_000;

    /// <summary>The ukat/L to U/L factor (the decision table's derived fact ck.uPerL).</summary>
    private const double UnitsPerMicrokatal = 60;

    private static readonly FindingField CkValue = FindingsSchema.Field("ck.value");
    private static readonly FindingField CkUnit = FindingsSchema.Field("ck.unit");
    private static readonly FindingField CkUln = FindingsSchema.Field("ck.upperLimitOfNormal");
    private static readonly FindingField Age = FindingsSchema.Field("patient.ageYears");
    private static readonly FindingField OnsetYearsAgo = FindingsSchema.Field("clinical.symptomOnsetYearsAgo");
    private static readonly FindingField Weight = FindingsSchema.Field("patient.weightKg");
    private static readonly FindingField Height = FindingsSchema.Field("patient.heightCm");
    private static readonly FindingField Pregnant = FindingsSchema.Field("patient.pregnant");
    private static readonly FindingField Sex = FindingsSchema.Field("patient.sex");

    private readonly Condition[] conditions;
    private readonly double[] timesUln;
    private readonly double[] unitsPerLitre;
    private readonly double[] ulnUnitsPerLitre;
    private readonly double[] ageAtOnset;
    private readonly double[] bodySurfaceArea;
    private readonly double[] bmi;
    private readonly double[] defaultUln;
    private readonly double childUnderYears;
    private readonly double pregnancyMinAge;
    private readonly double pregnancyMaxAge;

    public FieldFillings(Ruleset ruleset)
    {
        conditions = [.. ruleset.Rules.Select(r => r.When)
            .Concat(ruleset.Rules.OfType<Rule<TreatmentAction>>().SelectMany(r => r.Action.Cautions).Select(c => c.When).OfType<Condition>())
            .Concat(ruleset.Conditions.Select(n => n.When))
            .Concat(ruleset.Stratifications.SelectMany(s => s.Conditions))];

        // ck.elevated is ck.timesUln > 1 (decision table, derived facts).
        timesUln = [.. Compared("ck.timesUln").Append(1).Distinct()];
        unitsPerLitre = Compared("ck.uPerL");
        ulnUnitsPerLitre = Compared("ck.uln");
        ageAtOnset = Compared("patient.ageAtOnsetYears");
        var doses = ruleset.Rules.OfType<Rule<TreatmentAction>>().Select(r => r.Action.Dose).OfType<DoseSpec>()
            .SelectMany(d => d.Child is { } child ? new[] { d, child } : [d]).ToArray();
        bodySurfaceArea = [.. Compared("bsa").Concat(doses.SelectMany(d => d.Amount?.Bands ?? []).Select(b => b.AboveM2)).Distinct()];
        bmi = [.. doses.Select(d => d.AdjustedWeight?.FromBmi).OfType<double>().Distinct()];
        defaultUln = [ruleset.DefaultUlnFemale, ruleset.DefaultUlnOther];
        childUnderYears = ruleset.ChildUnderYears;
        pregnancyMinAge = ruleset.FindParameter("pregnancy.minAgeYears")!.Value;
        pregnancyMaxAge = ruleset.FindParameter("pregnancy.maxAgeYears")!.Value;
    }

    /// <summary>The raw values to fill <paramref name="field"/> with, each giving valid findings.</summary>
    public IEnumerable<(double Raw, string Shown)> Of(FindingValues original, FindingField field)
    {
        var candidates = field.Kind switch
        {
            FindingKind.Boolean => [(1d, "true"), (0d, "false")],
            FindingKind.Choice => field.Choices.Select((name, ordinal) => ((double)ordinal, name)),
            FindingKind.ChoiceSet => field.Choices.Select((name, ordinal) => ((double)(1UL << ordinal), $"[{name}]")).Prepend((0d, "[]")),
            FindingKind.Number => Numbers(original, field).Where(field.InRange).Distinct().Select(n => (n, n.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
            _ => [],
        };

        var probe = new FindingValues();
        foreach (var (raw, shown) in candidates)
        {
            probe.CopyFrom(original);
            probe.SetRaw(field, raw);
            if (FindingsCheck.All.All(check => check.Holds(probe)) && !(field == Pregnant && raw == 1 && !PregnancyAsked(original)))
            {
                yield return (raw, shown);
            }
        }
    }

    /// <summary>Whether the table asks about pregnancy: female or unknown sex (or not recorded), aged within the band (or not recorded).</summary>
    private bool PregnancyAsked(FindingValues v) =>
        v.ChoiceName(Sex) is null or "female" or "unknown"
        && (v.Number(Age) is not { } age || (age >= pregnancyMinAge && age <= pregnancyMaxAge));

    private double[] Compared(string fact) => ConditionLeaves.NumbersComparedWith(conditions, fact);

    private IEnumerable<double> Numbers(FindingValues v, FindingField field)
    {
        var bounds = new[] { field.Minimum is { } min ? (field.MinimumExclusive ? min + Step : min) : 0, field.Maximum ?? Large };
        return bounds.Concat(Thresholds(v, field).SelectMany(t => new[] { t - Step, t, t + Step }));
    }

    /// <summary>The values of the field at which a number the ruleset compares (with the field or a fact derived from it) is reached.</summary>
    private IEnumerable<double> Thresholds(FindingValues v, FindingField field)
    {
        IEnumerable<double> direct = Compared(field.Path);
        var perUnit = v.Ordinal(CkUnit) is { } unit && CkUnit.Choices[unit] == "ukat/L" ? UnitsPerMicrokatal : 1;
        if (field == CkValue)
        {
            // The limit the value is divided by: the lab's, or either default (both apply without a usable sex).
            var limits = v.Number(CkUln) is { } lab ? [Exact(lab * perUnit)] : defaultUln;
            return direct.Concat(unitsPerLitre.Select(u => u / perUnit))
                .Concat(limits.SelectMany(limit => timesUln.Select(t => Exact(t * limit / perUnit))));
        }

        if (field == CkUln)
        {
            return v.Number(CkValue) is { } value
                ? direct.Concat(ulnUnitsPerLitre.Select(u => u / perUnit)).Concat(timesUln.Where(t => t > 0).Select(t => Exact(value / t)))
                : direct.Concat(ulnUnitsPerLitre.Select(u => u / perUnit));
        }

        if (field == Age)
        {
            return direct.Append(childUnderYears).Concat(v.Number(OnsetYearsAgo) is { } ago ? ageAtOnset.Select(a => a + ago) : []);
        }

        if (field == OnsetYearsAgo)
        {
            return direct.Concat(v.Number(Age) is { } age ? ageAtOnset.Select(a => age - a) : []);
        }

        if (field == Weight && v.Number(Height) is { } cm)
        {
            return direct.Concat(bodySurfaceArea.Select(m2 => m2 * m2 * 3600 / cm)).Concat(bmi.Select(b => b * cm * cm / 10_000));
        }

        if (field == Height && v.Number(Weight) is { } kg)
        {
            return direct.Concat(bodySurfaceArea.Select(m2 => m2 * m2 * 3600 / kg)).Concat(bmi.Select(b => 100 * Math.Sqrt(kg / b)));
        }

        return direct;
    }

    /// <summary>A product or quotient in decimal, as the engine computes CK (50 x 2.18 is 109, not 109.00000000000001).</summary>
    private static double Exact(double value) => (double)Math.Round((decimal)value, 10);
}
