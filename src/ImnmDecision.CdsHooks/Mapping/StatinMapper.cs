using System.Text.Json;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Statin exposure from MedicationRequest and MedicationStatement: an active (or on-hold) statin means
/// <c>current</c>, a completed or stopped one <c>past</c>; entered-in-error, cancelled, not-taken, draft and
/// intended records are ignored. No statin in the record leaves exposure unknown: a record's silence is not
/// proof the patient never took one.
/// </summary>
internal static class StatinMapper
{
    private const int MaxLines = 3;

    public static StatinFindings? Map(IReadOnlyList<JsonElement> resources, string patientId, CodeBook codes, MappingReport report)
    {
        var medications = Medications(resources);

        var found = new List<(StatinExposure Exposure, string? Drug, string Source, FhirDateTime? When)>();
        foreach (var resource in resources)
        {
            var type = FhirJson.ResourceType(resource);
            if (type == "MedicationRequest" && FhirJson.TryRead<FhirMedicationRequest>(resource) is { } order)
            {
                if (order.Subject?.PointsToOtherPatientThan(patientId) == true || order.DoNotPerform == true)
                {
                    continue;
                }

                var match = codes.Statins.Match(Concept(order.MedicationCodeableConcept, order.MedicationReference, order.Contained, medications), order.MedicationReference?.Display);
                if (match is null)
                {
                    continue;
                }

                StatinExposure? exposure = order.Status switch
                {
                    "active" or "on-hold" => StatinExposure.Current,
                    "completed" or "stopped" => StatinExposure.Past,
                    _ => null,
                };
                if (exposure is null)
                {
                    report.Note($"A statin order ({StatusText(order.Status)}) was not counted as exposure.");
                    continue;
                }

                found.Add((exposure.Value, match.Ingredient, $"{order.Status} MedicationRequest", FhirDateTime.Parse(order.AuthoredOn)));
            }
            else if (type == "MedicationStatement" && FhirJson.TryRead<FhirMedicationStatement>(resource) is { } statement)
            {
                if (statement.Subject?.PointsToOtherPatientThan(patientId) == true)
                {
                    continue;
                }

                var match = codes.Statins.Match(Concept(statement.MedicationCodeableConcept, statement.MedicationReference, statement.Contained, medications), statement.MedicationReference?.Display);
                if (match is null)
                {
                    continue;
                }

                StatinExposure? exposure = statement.Status switch
                {
                    "active" or "on-hold" => StatinExposure.Current,
                    "completed" or "stopped" => StatinExposure.Past,
                    _ => null,
                };
                if (exposure is null)
                {
                    report.Note($"A statin statement ({StatusText(statement.Status)}) was not counted as exposure.");
                    continue;
                }

                var when = FhirDateTime.Parse(statement.EffectiveDateTime)
                    ?? FhirDateTime.Parse(statement.EffectivePeriod?.End)
                    ?? FhirDateTime.Parse(statement.EffectivePeriod?.Start)
                    ?? FhirDateTime.Parse(statement.DateAsserted);
                found.Add((exposure.Value, match.Ingredient, $"{statement.Status} MedicationStatement", when));
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var ordered = found
            .OrderBy(f => f.Exposure)
            .ThenByDescending(f => f.When.HasValue)
            .ThenByDescending(f => f.When?.Start)
            .ToList();
        foreach (var (exposure, drug, source, when) in ordered.Take(MaxLines))
        {
            var date = when is { } w ? $", {w.Display}" : "";
            report.Used($"Statin: {drug ?? "a statin (ingredient not named)"} ({source}{date}): exposure {(exposure == StatinExposure.Current ? "current" : "past")}.");
        }

        if (ordered.Count > MaxLines)
        {
            report.Used($"… and {ordered.Count - MaxLines} more statin records.");
        }

        var best = ordered[0];
        return new StatinFindings { Exposure = best.Exposure, Drug = best.Drug ?? ordered.Select(f => f.Drug).FirstOrDefault(d => d is not null) };
    }

    /// <summary>The Medication resources among some resources, by id (for orders that reference one).</summary>
    public static Dictionary<string, FhirMedication> Medications(IEnumerable<JsonElement> resources) => resources
        .Where(r => FhirJson.ResourceType(r) == "Medication")
        .Select(FhirJson.TryRead<FhirMedication>)
        .Where(m => m?.Id is not null)
        .GroupBy(m => m!.Id!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First()!, StringComparer.Ordinal);

    private static string StatusText(string? status) => Safe.Code(status) is { Length: > 0 } text ? text : "without a status";

    /// <summary>The medication as coded inline, else a contained Medication, else a Medication in the same search answer.</summary>
    public static FhirCodeableConcept? Concept(
        FhirCodeableConcept? inline, FhirReference? reference, IReadOnlyList<JsonElement>? contained, Dictionary<string, FhirMedication> medications)
    {
        if (inline is not null || reference?.Reference is not { } target)
        {
            return inline;
        }

        if (target.StartsWith('#'))
        {
            var id = target[1..];
            return (contained ?? [])
                .Where(c => FhirJson.ResourceType(c) == "Medication" && FhirJson.Id(c) == id)
                .Select(FhirJson.TryRead<FhirMedication>)
                .FirstOrDefault()?.Code;
        }

        var marker = target.LastIndexOf("Medication/", StringComparison.Ordinal);
        return marker >= 0 && medications.TryGetValue(target[(marker + "Medication/".Length)..], out var medication) ? medication.Code : null;
    }
}
