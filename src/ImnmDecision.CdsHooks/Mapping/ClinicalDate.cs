using System.Globalization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// A date from FHIR data (date, dateTime or instant), possibly partial. <see cref="Start"/> is the earliest moment it can mean
/// (for ordering); <see cref="Display"/> is the date as recorded, at its own precision.
/// </summary>
internal readonly record struct ClinicalDate(DateTimeOffset Start, DatePrecision Precision, string Display)
{
    /// <summary>The last day the value can mean (for a partial date, the end of its year or month).</summary>
    public DateOnly LastDay => Precision switch
    {
        DatePrecision.Year => new DateOnly(Start.Year, 12, 31),
        DatePrecision.Month => new DateOnly(Start.Year, Start.Month, DateTime.DaysInMonth(Start.Year, Start.Month)),
        _ => DateOnly.FromDateTime(Start.DateTime),
    };

    /// <summary>The first day the value can mean.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(Start.DateTime);

    /// <summary>Parses a FHIR date or dateTime; <c>null</c> when absent or not a valid date.</summary>
    public static ClinicalDate? Parse(string? text)
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
                return new ClinicalDate(year, DatePrecision.Year, text);
            case 7 when DateTimeOffset.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, styles, out var month):
                return new ClinicalDate(month, DatePrecision.Month, text);
            case 10 when DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out var day):
                return new ClinicalDate(day, DatePrecision.Day, text);
            case > 10 when text[4] == '-' && text[10] == 'T'
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var moment):
                // Shown as the date the EHR recorded (its local date), not shifted to UTC.
                return new ClinicalDate(moment, DatePrecision.Time, text[..10]);
            default:
                return null;
        }
    }
}
