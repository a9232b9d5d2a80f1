using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Body weight: the newest usable result in kg (or lb or g, converted), for weight-based doses; a preliminary
/// one or one of unknown status carries the status policy's note, as CK and the other labs do.
/// </summary>
internal static class WeightMapper
{
    public static double? Map(IEnumerable<ObservationReading> readings, CodeBook codes, MappingReport report)
    {
        foreach (var reading in ObservationReading.NewestFirst(readings))
        {
            if (!ResultStatus.IsUsableObservation(reading.Status)
                || FhirValues.Number(reading.ValueQuantity) is not { } value
                || !double.IsFinite(value)
                || FhirValues.Comparator(reading.ValueQuantity) is { Length: > 0 }
                || codes.KilogramFactor(reading.ValueQuantity) is not { } factor)
            {
                continue;
            }

            var kg = Math.Round(value * factor, 1);
            var caveat = ResultStatus.Caveat(reading.Status) is { } text ? $" [{text}]" : "";
            report.Used($"Weight {Safe.Number(kg)} kg {reading.OnDate}{caveat}.");
            return kg;
        }

        return null;
    }
}
