using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Antibodies: for each one, the newest usable result that reads as positive, negative or equivocal wins.
/// Other myositis-specific antibodies are reported when positive; negative ones are shown but do not count as
/// a complete extended panel, since the record cannot show which antibodies the panel covered.
/// </summary>
internal static class AntibodyMapper
{
    public static (AntibodyFindings? Findings, AntibodyReading? Hmgcr) Map(
        IEnumerable<(string Kind, ObservationReading Reading)> readings, CodeBook codes, MappingReport report)
    {
        var byKind = readings.GroupBy(r => r.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Reading).ToList(), StringComparer.Ordinal);
        var hmgcr = Newest(CodeBook.Hmgcr, byKind, codes, report);
        var srp = Newest(CodeBook.Srp, byKind, codes, report);
        var positives = new List<MyositisAntibody>();
        foreach (var antibody in codes.OtherAntibodies)
        {
            if (Newest(JsonNames.Name(antibody), byKind, codes, report) is { Result: AntibodyResult.Positive })
            {
                positives.Add(antibody);
            }
        }

        if (hmgcr is null && srp is null && positives.Count == 0)
        {
            return (null, null);
        }

        return (new AntibodyFindings
        {
            Hmgcr = hmgcr?.Result,
            Srp = srp?.Result,
            OtherMyositisSpecific = positives.Count > 0 ? positives : null,
        }, hmgcr);
    }

    private static AntibodyReading? Newest(string kind, Dictionary<string, List<ObservationReading>> byKind, CodeBook codes, MappingReport report)
    {
        if (!byKind.TryGetValue(kind, out var readings))
        {
            return null;
        }

        var name = AntibodyNames.Of(kind);
        foreach (var reading in ObservationReading.NewestFirst(readings))
        {
            if (!ResultStatus.IsUsableObservation(reading.Status))
            {
                report.Note($"An {name} result ({reading.DateText}, {ResultStatus.Describe(reading.Status)}) was not used.");
                continue;
            }

            if (AntibodyInterpreter.Read(reading, codes) is not { } read)
            {
                report.Note($"An {name} result ({reading.DateText}) does not say positive or negative in a way that can be read (no interpretation, coded result, reference limit or result text) and was not used.");
                continue;
            }

            var mapped = new AntibodyReading(kind, read.Result, reading.When, read.Basis);
            report.Used(mapped.Describe() + ".");
            return mapped;
        }

        return null;
    }
}
