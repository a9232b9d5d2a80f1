using ImnmDecision.CdsHooks.Codes;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Muscle biopsy: the newest final report whose <c>conclusionCode</c> denotes a configured biopsy pattern.
/// Reports without such a code are not read (free-text conclusions are never interpreted), and the absence of
/// a report does not mean no biopsy was done.
/// </summary>
internal static class BiopsyMapper
{
    public static BiopsyFindings? Map(IEnumerable<DiagnosticReport> reports, string patientId, CodeBook codes, MappingReport report)
    {
        var candidates = reports
            .Where(r => !FhirValues.PointsToOtherPatient(r.Subject, patientId))
            .Select(r => (Report: r, When: FhirValues.When(r.Effective) ?? ClinicalDate.Parse(FhirValues.Text(r.IssuedElement)),
                Pattern: FhirValues.Concepts(r.ConclusionCode).Select(codes.BiopsyPatternOf).FirstOrDefault(p => p is not null)))
            .Where(r => r.Pattern is not null)
            .OrderByDescending(r => r.When.HasValue)
            .ThenByDescending(r => r.When?.Start)
            .ThenByDescending(r => r.Report.Id, StringComparer.Ordinal);
        foreach (var (found, when, pattern) in candidates)
        {
            var date = when?.Display ?? "undated";
            var status = FhirValues.Text(found.StatusElement);
            if (!ResultStatus.IsUsableReport(status))
            {
                report.Note($"A biopsy report ({date}, {ResultStatus.Describe(status)}) was not used.");
                continue;
            }

            var (value, byCode) = pattern!.Value;
            report.Used($"Muscle biopsy report on {date}: {JsonNames.Name(value)} pattern ({(byCode ? "coded conclusion" : "conclusion code text")}).");
            return new BiopsyFindings { Performed = true, Pattern = value };
        }

        return null;
    }
}
