using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// LDH, AST and ALT (<c>labs.*Elevated</c>): for each, the most recent usable result (the CK status policy and
/// ordering). Elevated means a value above the high limit of the reference range that applies to the patient
/// (sex and age, as for CK), in the same unit; without a usable range, a high interpretation (H, HH, HU) says
/// elevated and a normal or low one (N, L, LL, LU) says not. Anything else stays unknown and is noted, one note
/// per test and reason.
/// </summary>
internal static class LabMapper
{
    public static IReadOnlyDictionary<string, bool> Map(IEnumerable<ObservationReading> readings, CodeBook codes, Sex? sex, double? ageYears, MappingReport report)
    {
        var found = new Dictionary<string, bool>(StringComparer.Ordinal);
        var byFinding = readings
            .Select(r => (Path: codes.Findings.Lab(r.Code), Reading: r))
            .Where(r => r.Path is not null)
            .GroupBy(r => r.Path!, StringComparer.Ordinal);
        foreach (var group in byFinding.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = Name(group.Key);
            var skipped = new SkippedResults(name);
            foreach (var reading in ObservationReading.NewestFirst(group.Select(g => g.Reading)))
            {
                if (!ResultStatus.IsUsableObservation(reading.Status))
                {
                    skipped.NotUsable(ResultStatus.Describe(reading.Status), reading.DateText);
                    continue;
                }

                if (Elevated(reading, codes, sex, ageYears) is not { } read)
                {
                    skipped.NotInterpretable(reading.DateText);
                    continue;
                }

                found[group.Key] = read.Elevated;
                var caveat = ResultStatus.Caveat(reading.Status) is { } text ? $" [{text}]" : "";
                report.Used($"{name} {reading.OnDate}: {(read.Elevated ? "elevated" : "not elevated")} ({read.Why}){caveat}.");
                break;
            }

            skipped.NoteTo(report);
        }

        return found;
    }

    private static (bool Elevated, string Why)? Elevated(ObservationReading reading, CodeBook codes, Sex? sex, double? ageYears)
    {
        var value = FhirValues.Decimal(reading.ValueQuantity?.ValueElement);
        var (range, _) = ReferenceRanges.Pick(reading.ReferenceRange, sex, ageYears);
        var high = FhirValues.Decimal(range?.High?.ValueElement);
        // An upper limit of zero or below is no normal range (SMART's sample labs carry low 0 and high 0): not used, as for CK.
        if (value is { } v && high is { } h && h > 0 && SameUnit(reading.ValueQuantity!, range!.High!))
        {
            var unit = Safe.Code(UnitOf(reading.ValueQuantity!));
            return (v > h, $"{Safe.Number((double)v)} {unit} against the lab's upper limit {Safe.Number((double)h)} {unit}".Replace("  ", " ", StringComparison.Ordinal));
        }

        return codes.Findings.LabInterpretation(reading.Interpretation) is { } interpretation
            ? (interpretation.High, $"interpretation {Safe.Code(interpretation.Code)}")
            : null;
    }

    // A limit without a unit is in the value's unit; otherwise the spellings must agree (ignoring case).
    private static bool SameUnit(Hl7.Fhir.Model.Quantity value, Hl7.Fhir.Model.Quantity high) =>
        UnitOf(high) is not { } limitUnit || string.Equals(UnitOf(value)?.Trim(), limitUnit.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string? UnitOf(Hl7.Fhir.Model.Quantity quantity) =>
        FhirValues.Text(quantity.CodeElement) ?? FhirValues.Text(quantity.UnitElement);

    private static string Name(string path) => path switch
    {
        "labs.ldhElevated" => "LDH",
        "labs.astElevated" => "AST",
        "labs.altElevated" => "ALT",
        _ => path,
    };
}
