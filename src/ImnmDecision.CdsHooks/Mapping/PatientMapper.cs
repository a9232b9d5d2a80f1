using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Patient: sex from <c>gender</c>, age from <c>birthDate</c>. A partial birth date (<c>1961</c>,
/// <c>1961-04</c>) gives an age range; the younger age is used and the card says so. For a patient recorded as
/// deceased on a date (<c>deceasedDateTime</c>, as in Synthea's records) the age is the age at death; one marked
/// deceased without a date keeps the age counted to today, and the card says both. Without a <c>gender</c> (or
/// with <c>unknown</c>), sex comes from a configured extension (US Core's individual sex, as its Patient example
/// records it), and the card names the extension. The sex parameter for clinical use, when it says male-typical or
/// female-typical (or "specified": unknown), decides over <c>gender</c>: it sets which reference ranges apply.
/// </summary>
internal static class PatientMapper
{
    public static (double? AgeYears, Sex? Sex) Map(Patient? patient, CodeBook codes, DateOnly today, MappingReport report)
    {
        if (patient is null)
        {
            return (null, null);
        }

        var gender = FhirValues.Text(patient.GenderElement);
        var birthDate = FhirValues.Text(patient.BirthDateElement);
        Sex? sex = gender switch
        {
            "male" => Sex.Male,
            "female" => Sex.Female,
            "other" => Sex.Other,
            "unknown" => Sex.Unknown,
            _ => null,
        };
        var sexText = gender;
        var genderText = gender is null ? "no gender recorded" : $"gender {gender}";
        if (codes.PatientSex.ReadClinicalUse(patient, today) is { } clinical)
        {
            sex = clinical.Sex;
            sexText = clinical.Sex == Sex.Unknown
                ? $"unknown (the {clinical.Extension} extension says settings are specified elsewhere; {genderText})"
                : $"{SexWord(clinical.Sex)} (from the {clinical.Extension} extension, which sets clinical reference ranges; {genderText})";
        }
        else if (sex is null or Sex.Unknown && codes.PatientSex.Read(patient, today) is { Sex: Sex.Male or Sex.Female } recorded)
        {
            sex = recorded.Sex;
            sexText = $"{SexWord(recorded.Sex)} (from the {recorded.Extension} extension; {genderText})";
        }

        var died = Died(patient, birthDate, today, report);
        var age = Age(birthDate, died?.FirstDay ?? today, out var ageText);
        if (birthDate is not null && age is null)
        {
            report.Note("The birth date could not be read as a date in the past; age is unknown.");
        }

        var parts = new List<string>();
        if (age is not null)
        {
            parts.Add(died is { } death ? $"{ageText} at death on {death.Display}" : ageText!);
        }

        if (died is null && patient.Deceased is FhirBoolean deceased && FhirValues.Flag(deceased) == true)
        {
            parts.Add("recorded as deceased (no date; age counted to today)");
        }

        if (sex is { } s)
        {
            parts.Add($"sex {sexText}");
        }

        if (parts.Count > 0)
        {
            report.Used($"Patient: {string.Join(", ", parts)}.");
        }

        return (age, sex);
    }

    private static string SexWord(Sex sex) => sex == Sex.Male ? "male" : "female";

    // The date of death, when the record gives one that is not before the birth date nor after today.
    private static ClinicalDate? Died(Patient patient, string? birthDate, DateOnly today, MappingReport report)
    {
        if (patient.Deceased is not FhirDateTime deceased || ClinicalDate.Parse(FhirValues.Text(deceased)) is not { } died
            || (ClinicalDate.Parse(birthDate) is { } born && born.FirstDay > died.FirstDay))
        {
            return null;
        }

        if (died.FirstDay > today)
        {
            report.Note($"The date of death ({died.Display}) lies after today and was not used.");
            return null;
        }

        return died;
    }

    /// <summary>Age in whole years on <paramref name="today"/>, the youngest the (possibly partial) birth date allows.</summary>
    public static int? Age(string? birthDate, DateOnly today, out string? description)
    {
        description = null;
        if (ClinicalDate.Parse(birthDate) is not { } born || born.FirstDay > today)
        {
            return null;
        }

        // A partial date (a year, or a year and month) could mean any day in it: the oldest age counts from its
        // first day, the youngest from its last day (when that day is still to come, from today: age 0).
        var oldest = Years(born.FirstDay, today);
        var youngest = born.LastDay > today ? 0 : Years(born.LastDay, today);
        description = oldest == youngest
            ? $"age {youngest} (birth date {born.Display})"
            : $"age {youngest} (birth date recorded as {born.Display}, so {youngest} or {oldest}; the younger age is used)";
        return youngest;
    }

    private static int Years(DateOnly born, DateOnly today)
    {
        var years = today.Year - born.Year;
        return today < born.AddYears(years) ? years - 1 : years;
    }
}
