using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Muscle biopsy: the newest final report whose <c>conclusionCode</c> denotes a configured biopsy pattern.
/// Reports without such a code are not read (free-text conclusions are never interpreted), and the absence of
/// a report does not mean no biopsy was done.
/// </summary>
internal static class BiopsyMapper
{
    public static BiopsyFindings? Map(IEnumerable<FhirDiagnosticReport> reports, string patientId, CodeBook codes, MappingReport report)
    {
        var candidates = reports
            .Where(r => r.Subject?.PointsToOtherPatientThan(patientId) != true)
            .Select(r => (Report: r, Pattern: r.ConclusionCode?.Select(codes.BiopsyPatternOf).FirstOrDefault(p => p is not null)))
            .Where(r => r.Pattern is not null)
            .OrderByDescending(r => r.Report.When.HasValue)
            .ThenByDescending(r => r.Report.When?.Start);
        foreach (var (found, pattern) in candidates)
        {
            var date = found.When?.Display ?? "undated";
            if (!ResultStatus.IsUsableReport(found.Status))
            {
                report.Note($"A biopsy report ({date}, {ResultStatus.Describe(found.Status)}) was not used.");
                continue;
            }

            var (value, byCode) = pattern!.Value;
            report.Used($"Muscle biopsy report on {date}: {JsonNames.Name(value)} pattern ({(byCode ? "coded conclusion" : "conclusion code text")}).");
            return new BiopsyFindings { Performed = true, Pattern = value };
        }

        return null;
    }
}
