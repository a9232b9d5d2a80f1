using System.Collections.Frozen;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// Reads the patient's sex from the configured extensions (see <see cref="PatientSexLists"/>): the first
/// configured extension whose value is a configured male or female code (a bare <c>valueCode</c> is matched by
/// its code alone). An extension whose <c>period</c> sub-extension (as the clinical-use sex parameter carries one)
/// does not cover today is skipped. The clinical-use extensions are read on their own (they decide over
/// <c>gender</c>); a "specified" value there means sex is unknown. Any other value leaves sex unknown.
/// </summary>
internal sealed class PatientSexReader
{
    private readonly FrozenSet<string> extensions;
    private readonly FrozenSet<string> clinicalUseExtensions;
    private readonly FrozenDictionary<string, Sex> sexByCode;
    private readonly FrozenDictionary<string, Sex> sexByBareCode;

    public PatientSexReader(PatientSexLists lists, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(errors);
        if (lists.Extensions.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("patientSex.extensions: every extension needs a URL.");
        }

        if (lists.ClinicalUseExtensions.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("patientSex.clinicalUseExtensions: every extension needs a URL.");
        }

        extensions = Urls(lists.Extensions);
        clinicalUseExtensions = Urls(lists.ClinicalUseExtensions);
        var codes = new Dictionary<string, Sex>(StringComparer.Ordinal);
        var bare = new Dictionary<string, Sex>(StringComparer.Ordinal);
        foreach (var (list, sex, name) in new[] { (lists.Male, Sex.Male, "male"), (lists.Female, Sex.Female, "female"), (lists.Specified, Sex.Unknown, "specified") })
        {
            foreach (var code in list)
            {
                if (string.IsNullOrWhiteSpace(code.System) || string.IsNullOrWhiteSpace(code.Code))
                {
                    errors.Add($"patientSex.{name}: every code needs a system and a code.");
                    continue;
                }

                codes.TryAdd(CodeBook.Key(code.System, code.Code), sex);
                bare.TryAdd(code.Code.Trim(), sex);
            }
        }

        sexByCode = codes.ToFrozenDictionary(StringComparer.Ordinal);
        sexByBareCode = bare.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The sex an extension of the patient records, with the extension's name; null when none does.</summary>
    public (Sex Sex, string Extension)? Read(Patient patient, DateOnly today) => Read(patient, today, extensions);

    /// <summary>
    /// The sex whose settings and reference ranges apply clinically, from a clinical-use extension, with its name:
    /// <see cref="Sex.Unknown"/> for a "specified" value; null when no such extension says.
    /// </summary>
    public (Sex Sex, string Extension)? ReadClinicalUse(Patient patient, DateOnly today) => Read(patient, today, clinicalUseExtensions);

    private (Sex Sex, string Extension)? Read(Patient patient, DateOnly today, FrozenSet<string> urls)
    {
        ArgumentNullException.ThrowIfNull(patient);
        foreach (var extension in (patient.Extension ?? []).Where(e => e?.Url is { } url && urls.Contains(url) && Covers(e, today)))
        {
            var name = extension.Url!.Split('/')[^1];
            var value = extension.Value
                ?? (extension.Extension ?? []).FirstOrDefault(e => e?.Url == "value")?.Value;
            // A bare code (valueCode, as US Core's retired us-core-sex extension sends SNOMED CT codes) has no system.
            if (value is Code code && FhirValues.Text(code) is { } bareCode && sexByBareCode.TryGetValue(bareCode.Trim(), out var bareSex))
            {
                return (bareSex, name);
            }

            var codings = value switch
            {
                Coding coding => FhirValues.Codings(new CodeableConcept { Coding = [coding] }),
                CodeableConcept concept => FhirValues.Codings(concept),
                _ => [],
            };
            foreach (var coding in codings)
            {
                if (sexByCode.TryGetValue(CodeBook.Key(coding.System, coding.Code), out var sex))
                {
                    return (sex, name);
                }
            }
        }

        return null;
    }

    private static FrozenSet<string> Urls(List<string> urls) =>
        urls.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).ToFrozenSet(StringComparer.Ordinal);

    // Whether the extension's period (a "period" sub-extension), if it has one, covers today.
    private static bool Covers(Extension extension, DateOnly today)
    {
        if ((extension.Extension ?? []).FirstOrDefault(e => e?.Url == "period")?.Value is not Period period)
        {
            return true;
        }

        var start = Mapping.ClinicalDate.Parse(FhirValues.Text(period.StartElement));
        var end = Mapping.ClinicalDate.Parse(FhirValues.Text(period.EndElement));
        return (start is null || start.Value.FirstDay <= today) && (end is null || end.Value.LastDay >= today);
    }
}
