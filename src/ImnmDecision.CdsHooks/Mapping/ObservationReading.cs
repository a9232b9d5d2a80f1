using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// One result to map: an Observation, or one component of a panel Observation (which shares the panel's
/// status, date and subject).
/// </summary>
internal sealed record ObservationReading
{
    public required FhirCodeableConcept? Code { get; init; }

    public required string? Status { get; init; }

    public required FhirDateTime? When { get; init; }

    public FhirQuantity? ValueQuantity { get; init; }

    public FhirCodeableConcept? ValueCodeableConcept { get; init; }

    public string? ValueString { get; init; }

    public FhirCodeableConcept? DataAbsentReason { get; init; }

    public IReadOnlyList<FhirCodeableConcept>? Interpretation { get; init; }

    public IReadOnlyList<FhirReferenceRange>? ReferenceRange { get; init; }

    /// <summary>The date as shown on cards ("undated" when the result has none).</summary>
    public string DateText => When?.Display ?? "undated";

    /// <summary>The Observation itself and each of its components.</summary>
    public static IEnumerable<ObservationReading> From(FhirObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var when = observation.When;
        yield return new ObservationReading
        {
            Code = observation.Code,
            Status = observation.Status,
            When = when,
            ValueQuantity = observation.ValueQuantity,
            ValueCodeableConcept = observation.ValueCodeableConcept,
            ValueString = observation.ValueString,
            DataAbsentReason = observation.DataAbsentReason,
            Interpretation = observation.Interpretation,
            ReferenceRange = observation.ReferenceRange,
        };

        foreach (var component in observation.Component ?? [])
        {
            yield return new ObservationReading
            {
                Code = component.Code,
                Status = observation.Status,
                When = when,
                ValueQuantity = component.ValueQuantity,
                ValueCodeableConcept = component.ValueCodeableConcept,
                ValueString = component.ValueString,
                DataAbsentReason = component.DataAbsentReason,
                Interpretation = component.Interpretation,
                ReferenceRange = component.ReferenceRange,
            };
        }
    }

    /// <summary>Newest first; undated results last, in the order received.</summary>
    public static IEnumerable<ObservationReading> NewestFirst(IEnumerable<ObservationReading> readings) =>
        readings.Select((reading, index) => (reading, index))
            .OrderByDescending(r => r.reading.When.HasValue)
            .ThenByDescending(r => r.reading.When?.Start)
            .ThenBy(r => r.index)
            .Select(r => r.reading);
}
