using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Antibodies: for each one, every usable result is read. The newest decides, except that a positive result
/// anywhere in the record is never hidden by a later negative one: the two are shown together and the
/// antibody reads as equivocal until a clinician resolves it. Other myositis-specific antibodies are reported
/// when positive; negative ones are shown but do not count as a complete extended panel, since the record
/// cannot show which antibodies the panel covered.
/// </summary>
internal static class AntibodyMapper
{
    public static (AntibodyFindings? Findings, AntibodyReading? Hmgcr) Map(
        IEnumerable<(string Kind, ObservationReading Reading)> readings, CodeBook codes, MappingReport report)
    {
        var byKind = readings.GroupBy(r => r.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Reading).ToList(), StringComparer.Ordinal);
        var hmgcr = Decide(CodeBook.Hmgcr, byKind, codes, report);
        var srp = Decide(CodeBook.Srp, byKind, codes, report);
        var positives = new List<MyositisAntibody>();
        foreach (var antibody in codes.OtherAntibodies)
        {
            if (Decide(JsonNames.Name(antibody), byKind, codes, report) is { PositiveInRecord: true })
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

    private static AntibodyReading? Decide(string kind, Dictionary<string, List<ObservationReading>> byKind, CodeBook codes, MappingReport report)
    {
        if (!byKind.TryGetValue(kind, out var readings))
        {
            return null;
        }

        var name = AntibodyNames.Of(kind);
        var read = new List<AntibodyReading>();
        foreach (var reading in ObservationReading.NewestFirst(readings))
        {
            if (!ResultStatus.IsUsableObservation(reading.Status))
            {
                report.Note($"An {name} result ({reading.DateText}, {ResultStatus.Describe(reading.Status)}) was not used.");
                continue;
            }

            if (AntibodyInterpreter.Read(reading, codes) is not { } result)
            {
                report.Note(reading.AbsentReason is { } absent && reading.Value is null
                    ? $"An {name} result ({reading.DateText}) has no value (data absent: {absent}) and was not used."
                    : $"An {name} result ({reading.DateText}) does not say positive or negative in a way that can be read (no interpretation, coded result, reference limit or result text) and was not used.");
                continue;
            }

            if (result.Result is not { } value)
            {
                report.Note($"An {name} result ({reading.DateText}): {result.Contradiction}; the result was not used.");
                continue;
            }

            if (result.Contradiction is { } contradiction)
            {
                report.Note($"An {name} result ({reading.DateText}): {contradiction}.");
            }

            var caveat = ResultStatus.Caveat(reading.Status) is { } text ? $", {text}" : "";
            read.Add(new AntibodyReading(kind, value, reading.When, result.Basis + caveat));
        }

        if (read.Count == 0)
        {
            return null;
        }

        var newest = read[0];
        var decided = newest.Result == AntibodyResult.Negative && read.Skip(1).FirstOrDefault(r => r.Result == AntibodyResult.Positive) is { } positive
            ? newest with { Result = AntibodyResult.Equivocal, EarlierPositive = positive }
            : newest;
        report.Used(decided.Describe() + ".");
        if (read.Count > 1 && decided.EarlierPositive is null)
        {
            report.Used($"{name}: {read.Count - 1} earlier result(s) in the record ({string.Join(", ", read.Skip(1).Take(3).Select(r => $"{AntibodyNames.Result(r.Result)} on {r.DateText}"))}).");
        }

        return decided;
    }
}
