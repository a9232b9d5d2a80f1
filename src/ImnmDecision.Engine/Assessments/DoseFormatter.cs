using System.Globalization;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>Writes a dose for one patient: the regimen, and for per-kg regimens the amount for the weight.</summary>
internal static class DoseFormatter
{
    public static DoseText Format(DoseSpec dose, double? weightKg)
    {
        if (dose.PerKgMin is not { } perKgMin || dose.PerKgMax is not { } perKgMax)
        {
            return new DoseText { Text = dose.Text };
        }

        if (weightKg is not { } weight)
        {
            return new DoseText
            {
                Text = $"{dose.Text}; weight not recorded, so no amount is computed",
                PerKg = dose.PerKgText,
            };
        }

        var low = perKgMin * weight;
        var high = perKgMax * weight;
        var capped = dose.Cap is { } cap && high > cap;
        if (dose.Cap is { } limit)
        {
            low = Math.Min(low, limit);
            high = Math.Min(high, limit);
        }

        var amount = Amount(low, high, dose.Unit!);
        var text = dose.Per == "course"
            ? $"{dose.Text}: {amount} total for {Number(weight)} kg"
            : $"{dose.Text}: {amount}/{dose.Per} for {Number(weight)} kg";
        if (capped)
        {
            text += " (capped)";
        }

        if (dose.Per == "course" && dose.SplitOverDays is { } days and > 0)
        {
            text += $", for example {Amount(low / days, high / days, dose.Unit!)}/day for {days} days";
        }

        return new DoseText { Text = text, PerKg = dose.PerKgText, WeightKg = weight };
    }

    private static string Amount(double low, double high, string unit) =>
        Math.Abs(high - low) < 0.05 ? $"{Number(low)} {unit}" : $"{Number(low)} to {Number(high)} {unit}";

    private static string Number(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);
}
