using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Statin exposure from MedicationRequest and MedicationStatement. An active (or on-hold) order means
/// <c>current</c>, a completed or stopped one <c>past</c>; an order whose intent is only a <c>proposal</c> or
/// <c>plan</c>, and a statement whose status is <c>unknown</c> or <c>intended</c>, mean exposure unknown.
/// Entered-in-error, cancelled, draft, not-taken and do-not-perform records are ignored. No statin in the
/// record leaves exposure unknown: a record's silence is not proof the patient never took one.
/// </summary>
internal static class StatinMapper
{
    private const int MaxLines = 3;

    public static StatinFindings? Map(IReadOnlyList<FhirEntry> entries, string patientId, CodeBook codes, MappingReport report)
    {
        var medications = new MedicationIndex(entries);
        var found = new List<(StatinExposure Exposure, string? Drug, string Source, ClinicalDate? When)>();
        var unresolved = 0;
        foreach (var resource in entries.Select(e => e.Resource))
        {
            if (Record(resource, patientId) is not { } record)
            {
                continue;
            }

            var (concept, isUnresolved) = medications.Concept(record.Owner, record.Medication);
            var display = FhirValues.Text((record.Medication as ResourceReference)?.DisplayElement);
            if (codes.Statins.Match(concept, display) is not { } match)
            {
                unresolved += isUnresolved ? 1 : 0;
                continue;
            }

            var what = record.Kind == "MedicationRequest" ? "statin order" : "statin statement";
            if (record.Exposure is not { } exposure)
            {
                report.Note($"A {what} ({StatusText(record.Status)}) was not counted as exposure.");
                continue;
            }

            var intent = record.Owner is MedicationRequest request ? FhirValues.Text(request.IntentElement) : null;
            var source = intent is "proposal" or "plan" ? $"{record.Status} {record.Kind}, intent {intent}" : $"{record.Status} {record.Kind}";
            found.Add((exposure, match.Ingredient, source, record.When));
        }

        if (unresolved > 0)
        {
            report.Note($"{unresolved} medication record(s) refer to a Medication that was neither sent nor could be fetched, so they could not be checked for a statin.");
        }

        return found.Count == 0 ? null : Summarise(found, report);
    }

    private static MedicationRecord? Record(Resource resource, string patientId) => resource switch
    {
        MedicationRequest order when !FhirValues.PointsToOtherPatient(order.Subject, patientId) && order.DoNotPerform != true => new MedicationRecord(
            order, order.Medication, OrderExposure(FhirValues.Text(order.StatusElement), FhirValues.Text(order.IntentElement)),
            "MedicationRequest", FhirValues.Text(order.StatusElement), ClinicalDate.Parse(FhirValues.Text(order.AuthoredOnElement))),
        MedicationStatement statement when !FhirValues.PointsToOtherPatient(statement.Subject, patientId) => new MedicationRecord(
            statement, statement.Medication, StatementExposure(FhirValues.Text(statement.StatusElement)),
            "MedicationStatement", FhirValues.Text(statement.StatusElement),
            FhirValues.When(statement.Effective) ?? ClinicalDate.Parse(FhirValues.Text(statement.DateAssertedElement))),
        _ => null,
    };

    private static StatinFindings Summarise(List<(StatinExposure Exposure, string? Drug, string Source, ClinicalDate? When)> found, MappingReport report)
    {
        var ordered = found
            .OrderBy(f => f.Exposure)
            .ThenByDescending(f => f.When.HasValue)
            .ThenByDescending(f => f.When?.Start)
            .ToList();
        foreach (var (exposure, drug, source, when) in ordered.Take(MaxLines))
        {
            var date = when is { } w ? $", {w.Display}" : "";
            report.Used($"Statin: {drug ?? "a statin (ingredient not named)"} ({source}{date}): exposure {ExposureText(exposure)}.");
        }

        if (ordered.Count > MaxLines)
        {
            report.Used($"… and {ordered.Count - MaxLines} more statin records.");
        }

        var best = ordered[0];
        return new StatinFindings { Exposure = best.Exposure, Drug = best.Drug ?? ordered.Select(f => f.Drug).FirstOrDefault(d => d is not null) };
    }

    private static StatinExposure? OrderExposure(string? status, string? intent) => (status, intent) switch
    {
        ("active" or "on-hold" or "completed" or "stopped" or "unknown", "proposal" or "plan") => StatinExposure.Unknown,
        ("active" or "on-hold", _) => StatinExposure.Current,
        ("completed" or "stopped", _) => StatinExposure.Past,
        ("unknown", _) => StatinExposure.Unknown,
        _ => null,
    };

    private static StatinExposure? StatementExposure(string? status) => status switch
    {
        "active" or "on-hold" => StatinExposure.Current,
        "completed" or "stopped" => StatinExposure.Past,
        "unknown" or "intended" => StatinExposure.Unknown,
        _ => null,
    };

    private static string ExposureText(StatinExposure exposure) => exposure switch
    {
        StatinExposure.Current => "current",
        StatinExposure.Past => "past",
        _ => "unknown (not confirmed as taken)",
    };

    private static string StatusText(string? status) => Safe.Code(status) is { Length: > 0 } text ? text : "without a status";

    private readonly record struct MedicationRecord(
        DomainResource Owner, DataType? Medication, StatinExposure? Exposure, string Kind, string? Status, ClinicalDate? When);
}
