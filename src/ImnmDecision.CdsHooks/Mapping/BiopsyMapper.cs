using ImnmDecision.CdsHooks.Codes;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Muscle biopsy: the newest usable report whose <c>conclusionCode</c> denotes a configured biopsy pattern or
/// biopsy item (<c>biopsy.rimmedVacuoles</c>...; an item named is true, one not named stays unknown).
/// Reports without such a code are not read (free-text conclusions are never interpreted), and the absence of
/// a report does not mean no biopsy was done.
/// </summary>
internal static class BiopsyMapper
{
    public static (BiopsyFindings? Biopsy, IReadOnlyDictionary<string, bool> Items) Map(IEnumerable<DiagnosticReport> reports, string patientId, CodeBook codes, MappingReport report)
    {
        var candidates = reports
            .Where(r => !FhirValues.PointsToOtherPatient(r.Subject, patientId))
            .Select(r => (Report: r, When: FhirValues.When(r.Effective) ?? ClinicalDate.Parse(FhirValues.Text(r.IssuedElement)),
                Pattern: FhirValues.Concepts(r.ConclusionCode).Select(codes.BiopsyPatternOf).FirstOrDefault(p => p is not null),
                Items: FhirValues.Concepts(r.ConclusionCode).Select(codes.Findings.BiopsyItem).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .Where(r => r.Pattern is not null || r.Items.Count > 0)
            .OrderByDescending(r => r.When.HasValue)
            .ThenByDescending(r => r.When?.Start)
            .ThenByDescending(r => FhirValues.Id(r.Report), StringComparer.Ordinal);
        foreach (var (found, when, pattern, items) in candidates)
        {
            var date = when?.Display ?? "undated";
            var status = FhirValues.Text(found.StatusElement);
            if (!ResultStatus.IsUsableReport(status))
            {
                report.Note($"A biopsy report ({date}, {ResultStatus.Describe(status)}) was not used.");
                continue;
            }

            if (pattern is (var value, var byCode))
            {
                report.Used($"Muscle biopsy report on {date}: {JsonNames.Name(value)} pattern ({(byCode ? "coded conclusion" : "conclusion code text")}).");
            }

            if (items.Count > 0)
            {
                report.Used($"Muscle biopsy report on {date} names: {string.Join(", ", items.Select(i => i["biopsy.".Length..]))}.");
            }

            // An item the report does not name stays unknown (a report need not list what it did not see).
            return (new BiopsyFindings { Performed = true, Pattern = pattern?.Pattern }, items.ToDictionary(i => i, _ => true, StringComparer.Ordinal));
        }

        return (null, new Dictionary<string, bool>());
    }
}
