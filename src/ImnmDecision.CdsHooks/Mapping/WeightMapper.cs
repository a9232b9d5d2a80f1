using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Body weight: the newest usable result in kg (or lb or g, converted), for weight-based doses; a preliminary
/// one or one of unknown status carries the status policy's note, as CK and the other labs do. A weight measured
/// while the patient was surely a child (younger than the ruleset's child age even at the latest the dates allow)
/// is not used for a patient who is now an adult: a child's weight would size an adult's dose. For a patient who is
/// a child now, only a recent weight is used (<c>childWeightCurrentForDays</c>): the newest being older, none is.
/// </summary>
internal static class WeightMapper
{
    public static double? Map(IEnumerable<ObservationReading> readings, CodeBook codes, MappingReport report, string? birthDate = null, double? ageYears = null, double? childUnderYears = null, DateOnly? today = null)
    {
        foreach (var reading in ObservationReading.NewestFirst(readings))
        {
            if (childUnderYears is { } childNow && ageYears < childNow && today is { } day && codes.ChildWeightCurrentForDays is { } days
                && (reading.When is not { } taken || day.DayNumber - taken.LastDay.DayNumber > days))
            {
                report.Note($"A weight ({reading.DateText}) was measured {(reading.When is null ? "on no recorded date" : $"more than {days} days ago")}, and a child grows: it is not used for the doses; weigh the patient.");
                return null;
            }

            if (childUnderYears is { } childAge && ageYears >= childAge && OldestAgeAt(birthDate, reading.When) is { } ageThen && ageThen < childAge)
            {
                report.Note($"A weight ({reading.DateText}) was measured at age {ageThen} or younger, as a child, and is not used for the doses of an adult: weigh the patient.");
                continue;
            }

            if (!ResultStatus.IsUsableObservation(reading.Status)
                || FhirValues.Number(reading.ValueQuantity) is not { } value
                || !double.IsFinite(value)
                || FhirValues.Comparator(reading.ValueQuantity) is { Length: > 0 }
                || codes.KilogramFactor(reading.ValueQuantity) is not { } factor)
            {
                continue;
            }

            var kg = Math.Round(value * factor, 1);
            var caveat = ResultStatus.Caveat(reading.Status) is { } text ? $" [{text}]" : "";
            report.Used($"Weight {Safe.Number(kg)} kg {reading.OnDate}{caveat}.");
            return kg;
        }

        return null;
    }

    // The oldest the patient can have been on the date of a result: from the first day the birth date allows to the
    // last day the result's date allows.
    private static int? OldestAgeAt(string? birthDate, ClinicalDate? when)
    {
        if (ClinicalDate.Parse(birthDate) is not { } born || when is not { } at || at.LastDay < born.FirstDay)
        {
            return null;
        }

        var years = at.LastDay.Year - born.FirstDay.Year;
        return at.LastDay < born.FirstDay.AddYears(years) ? years - 1 : years;
    }
}
