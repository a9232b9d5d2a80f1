using System.Globalization;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// A FHIR date, dateTime or instant, possibly partial. <see cref="Start"/> is the earliest moment it can mean
/// (for ordering); <see cref="Display"/> is the date as recorded, at its own precision.
/// </summary>
internal readonly record struct FhirDateTime(DateTimeOffset Start, FhirDatePrecision Precision, string Display)
{
    /// <summary>The last day the value can mean (for a partial date, the end of its year or month).</summary>
    public DateOnly LastDay => Precision switch
    {
        FhirDatePrecision.Year => new DateOnly(Start.Year, 12, 31),
        FhirDatePrecision.Month => new DateOnly(Start.Year, Start.Month, DateTime.DaysInMonth(Start.Year, Start.Month)),
        _ => DateOnly.FromDateTime(Start.DateTime),
    };

    /// <summary>The first day the value can mean.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(Start.DateTime);

    /// <summary>Parses a FHIR date or dateTime; <c>null</c> when absent or not a valid date.</summary>
    public static FhirDateTime? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        switch (text.Length)
        {
            case 4 when DateTimeOffset.TryParseExact(text, "yyyy", CultureInfo.InvariantCulture, styles, out var year):
                return new FhirDateTime(year, FhirDatePrecision.Year, text);
            case 7 when DateTimeOffset.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, styles, out var month):
                return new FhirDateTime(month, FhirDatePrecision.Month, text);
            case 10 when DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out var day):
                return new FhirDateTime(day, FhirDatePrecision.Day, text);
            case > 10 when text[4] == '-' && text[10] == 'T'
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var moment):
                // Shown as the date the EHR recorded (its local date), not shifted to UTC.
                return new FhirDateTime(moment, FhirDatePrecision.Time, text[..10]);
            default:
                return null;
        }
    }
}
