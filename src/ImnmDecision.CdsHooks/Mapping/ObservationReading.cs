using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// One result to map: an Observation, or one component of a panel Observation (which shares the panel's
/// status, dates, id and subject).
/// </summary>
internal sealed record ObservationReading
{
    public required CodeableConcept? Code { get; init; }

    public required string? Status { get; init; }

    public required ClinicalDate? When { get; init; }

    /// <summary>When the lab released the result (<c>issued</c>), for breaking ties.</summary>
    public DateTimeOffset? Issued { get; init; }

    /// <summary>The Observation's id, the last tie-breaker.</summary>
    public string? Id { get; init; }

    public DataType? Value { get; init; }

    public CodeableConcept? DataAbsentReason { get; init; }

    public IReadOnlyList<CodeableConcept> Interpretation { get; init; } = [];

    public IReadOnlyList<Observation.ReferenceRangeComponent> ReferenceRange { get; init; } = [];

    public Quantity? ValueQuantity => Value as Quantity;

    public CodeableConcept? ValueCodeableConcept => Value as CodeableConcept;

    public string? ValueString => Value is FhirString text ? FhirValues.Text(text) : null;

    /// <summary>The date as shown on cards ("undated" when the result has none).</summary>
    public string DateText => When?.Display ?? "undated";

    /// <summary>Why the result has no value, as the lab coded it (<c>dataAbsentReason</c>: "not-performed"...), or <c>null</c>.</summary>
    public string? AbsentReason =>
        FhirValues.Codings(DataAbsentReason).Select(c => Safe.Code(c.Code)).FirstOrDefault(c => c.Length > 0)
        ?? FhirValues.Texts(DataAbsentReason).Select(Safe.Code).FirstOrDefault(t => t.Length > 0);

    /// <summary>The date as a card line ends a value with it: "on 2024-03-02", or "(undated)".</summary>
    public string OnDate => When is { } when ? $"on {when.Display}" : "(undated)";

    /// <summary>The Observation itself and each of its components.</summary>
    public static IEnumerable<ObservationReading> From(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var when = FhirValues.When(observation.Effective) ?? ClinicalDate.Parse(FhirValues.Text(observation.IssuedElement));
        var shared = new ObservationReading
        {
            Code = observation.Code,
            Status = FhirValues.Text(observation.StatusElement),
            When = when,
            Issued = ClinicalDate.Parse(FhirValues.Text(observation.IssuedElement))?.Start,
            Id = FhirValues.Id(observation),
        };
        yield return shared with
        {
            Value = observation.Value,
            DataAbsentReason = observation.DataAbsentReason,
            Interpretation = [.. FhirValues.Concepts(observation.Interpretation)],
            ReferenceRange = [.. (observation.ReferenceRange ?? []).Where(r => r is not null)],
        };

        foreach (var component in (observation.Component ?? []).Where(c => c is not null))
        {
            yield return shared with
            {
                Code = component.Code,
                Value = component.Value,
                DataAbsentReason = component.DataAbsentReason,
                Interpretation = [.. FhirValues.Concepts(component.Interpretation)],
                ReferenceRange = [.. (component.ReferenceRange ?? []).Where(r => r is not null)],
            };
        }
    }

    /// <summary>
    /// Newest first, ties broken by the lab's issued time (newest first), then by id; undated results last.
    /// Never by the order the EHR sent them in.
    /// </summary>
    public static IEnumerable<ObservationReading> NewestFirst(IEnumerable<ObservationReading> readings) =>
        readings
            .OrderByDescending(r => r.When.HasValue)
            .ThenByDescending(r => r.When?.Start)
            .ThenByDescending(r => r.Issued)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal);
}
