using System.Globalization;
using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// Writes a dose for one patient: the regimen for the population (child or adult; both when the age is unknown),
/// and for a regimen by weight or body surface area the amount for this patient, capped, with what it was
/// computed on. What is missing for the amount is said in the text (the evaluator lists the field as missing).
/// </summary>
internal static class DoseFormatter
{
    /// <summary>The texts of doses that do not depend on the patient, by age group (child, adult, not recorded).</summary>
    private static readonly ConditionalWeakTable<DoseSpec, DoseText?[]> PatientFree = new();

    /// <summary>The texts in <see cref="PatientFree"/>, with the dose each was made for.</summary>
    private static readonly ConditionalWeakTable<DoseText, DoseSpec> Shared = new();

    public static DoseText Format(DoseSpec dose, DosePatient patient)
    {
        // The regimen whose amount is computed: the child's for a child, else the adult's (the child's text is only quoted).
        var regimen = patient.Child == true && dose.Child is { } childRegimen ? childRegimen : dose;
        if (!ReadsPatient(regimen))
        {
            // The text depends on nothing of the patient but whether a child: made once per dose and age group.
            var texts = PatientFree.GetValue(dose, static _ => new DoseText?[3]);
            var slot = patient.Child switch { true => 0, false => 1, null => 2 };
            if (texts[slot] is not { } made)
            {
                made = FormatFor(dose, patient);
                Shared.AddOrUpdate(made, dose);
                texts[slot] = made;
            }

            return made;
        }

        return FormatFor(dose, patient);
    }

    /// <summary>Whether a dose text is one made once and put in every answer that needs it (its JSON can be too).</summary>
    public static bool IsShared(DoseText dose) => Shared.TryGetValue(dose, out _);

    /// <summary>Whether the amount is computed from the weight or body surface area.</summary>
    private static bool ReadsPatient(DoseSpec dose) => dose.Amount is { Basis: not DoseBasis.Fixed };

    private static DoseText FormatFor(DoseSpec dose, DosePatient patient)
    {
        if (dose.Child is not { } child)
        {
            return FormatRegimen(dose, patient);
        }

        if (patient.Child == true)
        {
            return FormatRegimen(child, patient) with { Population = "child" };
        }

        var adult = FormatRegimen(dose, patient);
        return patient.Child == false
            ? adult with { Population = "adult" }
            : adult with { Text = $"{adult.Text}. Age not recorded: for a child, the child's dose applies instead ({child.Text})" };
    }

    private static DoseText FormatRegimen(DoseSpec dose, DosePatient patient)
    {
        var result = new DoseText { Text = dose.Text, PerKg = dose.PerKgText, PerM2 = dose.PerM2Text };
        if (dose.Amount is not { } amount)
        {
            return result;
        }

        return amount.Basis switch
        {
            DoseBasis.Fixed => Computed(dose, amount, 1, string.Empty, result) with { Text = dose.Text },
            DoseBasis.PerKg => PerKg(dose, amount, patient, result),
            _ => PerM2(dose, amount, patient, result),
        };
    }

    private static DoseText PerKg(DoseSpec dose, DoseAmount amount, DosePatient patient, DoseText result)
    {
        if (patient.WeightKg is not { } weight)
        {
            return result with { Text = $"{dose.Text}; weight not recorded, so no amount is computed" };
        }

        result = result with { WeightKg = weight };
        if (dose.AdjustedWeight is not { } rule)
        {
            return Computed(dose, amount, weight, $" for {Number(weight)} kg", result);
        }

        if (patient.HeightCm is not { } height)
        {
            return Computed(dose, amount, weight, $" for {Number(weight)} kg (height not recorded, so the BMI is unknown: the adjusted body weight applies from BMI {Number(rule.FromBmi)})", result);
        }

        var bmi = weight / Math.Pow(height / 100, 2);
        if (rule.BmiBelow(weight, height))
        {
            // Shown without rounding up to the threshold: BMI 29.96 is not "BMI 30".
            var shown = Math.Round(bmi, 1) >= rule.FromBmi ? Number(Math.Floor(bmi * 100) / 100, "#,0.##") : Number(bmi);
            return Computed(dose, amount, weight, $" for {Number(weight)} kg (BMI {shown})", result);
        }

        if (height < rule.BaseHeightCm)
        {
            return Computed(dose, amount, weight, $" for {Number(weight)} kg (BMI {Number(bmi)}; the ideal body weight formula does not apply below {Number(rule.BaseHeightCm)} cm, so the actual weight is used)", result);
        }

        var ideal = (patient.Male ? rule.MaleBaseKg : rule.OtherBaseKg) + (rule.KgPerCm * (height - rule.BaseHeightCm));
        var adjusted = Math.Min(weight, ideal + (rule.Fraction * (weight - ideal)));
        return Computed(dose, amount, adjusted, $" for {Number(adjusted)} kg adjusted body weight (BMI {Number(bmi)}, actual weight {Number(weight)} kg)", result with { DosingWeightKg = Math.Round(adjusted, 1) });
    }

    private static DoseText PerM2(DoseSpec dose, DoseAmount amount, DosePatient patient, DoseText result)
    {
        if (patient.BodySurfaceArea is not { } bsa)
        {
            var lacking = patient.WeightKg is null && patient.HeightCm is null ? "weight and height not recorded"
                : patient.HeightCm is null ? "height not recorded" : "weight not recorded";
            return result with { Text = $"{dose.Text}; {lacking}, so the body surface area is unknown and the dose is given per m2 only" };
        }

        return Computed(dose, amount, bsa, $" for {Number(bsa, "0.00")} m2", result with { BodySurfaceAreaM2 = Math.Round(bsa, 2), WeightKg = patient.WeightKg });
    }

    private static DoseText Computed(DoseSpec dose, DoseAmount amount, double scale, string basis, DoseText result)
    {
        var (min, max) = amount.At(amount.Basis == DoseBasis.PerM2 ? scale : null);
        var low = min * scale;
        var high = max * scale;
        var capped = dose.Cap is { } cap && high > cap;
        if (dose.Cap is { } limit)
        {
            low = Math.Min(low, limit);
            high = Math.Min(high, limit);
        }

        var unit = amount.Unit;
        var text = amount.Per switch
        {
            "course" => $"{dose.Text}: {Amount(low, high, unit)} total{basis}",
            "dose" => $"{dose.Text}: {Amount(low, high, unit)} per dose{basis}",
            _ => $"{dose.Text}: {Amount(low, high, unit)}/{amount.Per}{basis}",
        };
        if (amount.DividedDoses > 1)
        {
            text += $", as {Amount(low / amount.DividedDoses, high / amount.DividedDoses, unit)} {Times(amount.DividedDoses)}";
        }

        if (capped)
        {
            text += " (capped)";
        }

        if (amount.Per == "course" && dose.SplitOverDays is { } days and > 0)
        {
            text += $", for example {Amount(low / days, high / days, unit)}/day for {days} days";
        }

        return result with { Text = text, AmountLow = Round(low), AmountHigh = Round(high), AmountUnit = unit, AmountPer = amount.Per };
    }

    private static string Times(int doses) => doses == 2 ? "twice a day" : $"{doses} times a day";

    private static double Round(double value) => Math.Round(value, 1);

    private static string Amount(double low, double high, string unit) =>
        Math.Abs(high - low) < 0.05 ? $"{Number(low)} {unit}" : $"{Number(low)} to {Number(high)} {unit}";

    private static string Number(double value, string format = "#,0.#") => value.ToString(format, CultureInfo.InvariantCulture);
}
