using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// CK: the newest usable result wins (final, amended or corrected, with a value in a known unit). The lab's
/// upper limit of normal comes from <c>referenceRange.high</c>; without one the ULN stays unknown and the
/// engine's documented default applies (and the answer says so).
/// </summary>
internal static class CkMapper
{
    /// <summary>1 ukat/L is 60 U/L (the unit definition the contract uses).</summary>
    private const double UnitsPerMicrokatal = 60.0;

    public static CkFindings? Map(IEnumerable<ObservationReading> readings, CodeBook codes, MappingReport report)
    {
        foreach (var reading in ObservationReading.NewestFirst(readings))
        {
            if (!ResultStatus.IsUsableObservation(reading.Status))
            {
                report.Note($"A CK result ({reading.DateText}, {ResultStatus.Describe(reading.Status)}) was not used.");
                continue;
            }

            var quantity = reading.ValueQuantity;
            if (quantity?.Value is not { } value || !double.IsFinite(value) || value < 0)
            {
                report.Note($"A CK result ({reading.DateText}) has no numeric value and was not used.");
                continue;
            }

            if (codes.CkUnitOf(quantity) is not { } unit)
            {
                report.Note($"A CK result ({reading.DateText}) is in a unit that is not recognised ({Safe.Code(quantity.Code ?? quantity.Unit)}) and was not used.");
                continue;
            }

            var uln = UpperLimit(reading.ReferenceRange, unit, codes);
            var unitText = unit == CkUnit.UnitsPerLitre ? "U/L" : "ukat/L";
            var comparator = quantity.Comparator switch
            {
                ">" or ">=" => $" (reported as {quantity.Comparator}{Safe.Number(value)}: a lower bound, used as the value)",
                "<" or "<=" => $" (reported as {quantity.Comparator}{Safe.Number(value)}: an upper bound, used as the value)",
                _ => "",
            };
            var ulnText = uln is { } limit
                ? $"lab upper limit of normal {Safe.Number(limit)} {unitText}"
                : "no upper limit of normal in the result";
            report.Used($"CK {Safe.Number(value)} {unitText} on {reading.DateText}{comparator}; {ulnText}.");
            return new CkFindings { Value = value, Unit = unit, UpperLimitOfNormal = uln };
        }

        return null;
    }

    // The first normal range with a high limit; its unit, when given and different, is converted.
    private static double? UpperLimit(IReadOnlyList<FhirReferenceRange>? ranges, CkUnit valueUnit, CodeBook codes)
    {
        foreach (var range in ranges ?? [])
        {
            var isNormal = range.Type is null || range.Type.Codings.Any(c => c.Code is "normal");
            if (!isNormal || range.High?.Value is not { } high || !double.IsFinite(high) || high <= 0)
            {
                continue;
            }

            var highUnit = range.High.Code is null && range.High.Unit is null ? valueUnit : codes.CkUnitOf(range.High);
            return highUnit switch
            {
                null => null,
                var u when u == valueUnit => high,
                CkUnit.MicrokatalPerLitre => high * UnitsPerMicrokatal,
                _ => high / UnitsPerMicrokatal,
            };
        }

        return null;
    }
}
