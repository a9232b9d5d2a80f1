using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// CK: every usable result (see <see cref="ResultStatus"/>) with a value in a known unit is read. The most
/// recent one is the current state and goes to the findings; the highest of the episode (in U/L) is shown
/// beside it. Ties on date are broken by issued time, then id, never by
/// the order the EHR sent them in. The upper limit of normal comes from the reference range that applies to the
/// patient's sex and age; without one it stays unknown and the engine's documented default applies.
/// </summary>
internal static class CkMapper
{
    /// <summary>1 ukat/L is 60 U/L (the unit definition the contract uses).</summary>
    private const double UnitsPerMicrokatal = 60.0;

    public static CkFindings? Map(IEnumerable<ObservationReading> readings, CodeBook codes, Sex? sex, double? ageYears, MappingReport report)
    {
        var usable = new List<(CkFindings Ck, ObservationReading Reading, string Line)>();
        foreach (var reading in ObservationReading.NewestFirst(readings))
        {
            if (Read(reading, codes, sex, ageYears, report) is { } read)
            {
                usable.Add((read.Ck, reading, read.Line));
            }
        }

        if (usable.Count == 0)
        {
            return null;
        }

        var (current, _, line) = usable[0];
        report.Used($"CK {line} (most recent).");
        if (usable.Count > 1)
        {
            var peak = usable.OrderByDescending(u => Relative(u.Ck)).First();
            report.Used(ReferenceEquals(peak.Reading, usable[0].Reading)
                ? $"It is also the highest of the {usable.Count} CK results in the record."
                : $"Highest CK of the {usable.Count} results in the record: {peak.Line}.");
        }

        return current;
    }

    private static (CkFindings Ck, string Line)? Read(ObservationReading reading, CodeBook codes, Sex? sex, double? ageYears, MappingReport report)
    {
        if (!ResultStatus.IsUsableObservation(reading.Status))
        {
            report.Note($"A CK result ({reading.DateText}, {ResultStatus.Describe(reading.Status)}) was not used.");
            return null;
        }

        var quantity = reading.ValueQuantity;
        if (FhirValues.Number(quantity) is not { } raw || !double.IsFinite(raw) || raw < 0)
        {
            report.Note($"A CK result ({reading.DateText}) has no numeric value and was not used.");
            return null;
        }

        if (codes.CkUnitOf(quantity) is not { } unit)
        {
            var spelled = FhirValues.Text(quantity!.CodeElement) ?? FhirValues.Text(quantity.UnitElement);
            report.Note($"A CK result ({reading.DateText}) is in a unit that is not recognised ({Safe.Code(spelled)}) and was not used.");
            return null;
        }

        var value = raw * unit.Factor;
        var (range, rangeProblem) = ReferenceRanges.Pick(reading.ReferenceRange, sex, ageYears);
        var uln = range is null ? null : UpperLimit(range.High, unit.Unit, codes);
        var unitText = unit.Unit == CkUnit.UnitsPerLitre ? "U/L" : "ukat/L";
        var comparator = FhirValues.Comparator(quantity) switch
        {
            ">" or ">=" => $" (reported as {FhirValues.Comparator(quantity)}{Safe.Number(value)}: a lower bound, used as the value)",
            "<" or "<=" => $" (reported as {FhirValues.Comparator(quantity)}{Safe.Number(value)}: an upper bound, used as the value)",
            _ => "",
        };
        var caveat = ResultStatus.Caveat(reading.Status) is { } text ? $" [{text}]" : "";
        var ulnText = uln is { } limit
            ? $"lab upper limit of normal {Safe.Number(limit)} {unitText}"
            : rangeProblem is not null ? $"no upper limit of normal used: {rangeProblem}" : "no upper limit of normal in the result";
        var line = $"{Safe.Number(value)} {unitText} on {reading.DateText}{comparator}{caveat}; {ulnText}";
        return (new CkFindings { Value = value, Unit = unit.Unit, UpperLimitOfNormal = uln }, line);
    }

    // Compares results across units: the value in U/L.
    private static double Relative(CkFindings ck) => ck.Unit == CkUnit.MicrokatalPerLitre ? ck.Value!.Value * UnitsPerMicrokatal : ck.Value!.Value;

    private static double? UpperLimit(Hl7.Fhir.Model.Quantity? highQuantity, CkUnit valueUnit, CodeBook codes)
    {
        if (FhirValues.Number(highQuantity) is not { } high || !double.IsFinite(high) || high <= 0)
        {
            return null;
        }

        var hasUnit = FhirValues.Text(highQuantity!.CodeElement) is not null || FhirValues.Text(highQuantity.UnitElement) is not null;
        if (!hasUnit)
        {
            return high;
        }

        if (codes.CkUnitOf(highQuantity) is not { } highUnit)
        {
            return null;
        }

        var converted = high * highUnit.Factor;
        return highUnit.Unit == valueUnit ? converted
            : highUnit.Unit == CkUnit.MicrokatalPerLitre ? converted * UnitsPerMicrokatal
            : converted / UnitsPerMicrokatal;
    }
}
