using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>Body weight: the newest final result in kg (or lb or g, converted), for weight-based doses.</summary>
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
            report.Used($"Weight {Safe.Number(kg)} kg on {reading.DateText}.");
            return kg;
        }

        return null;
    }
}
