using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Statin exposure from MedicationRequest, MedicationStatement, MedicationDispense and MedicationAdministration. An
/// active (or on-hold) order means <c>current</c>, a completed or stopped one <c>past</c>; an order whose intent is
/// only a <c>proposal</c> or <c>plan</c>, and a statement whose status is <c>unknown</c> or <c>intended</c>, mean
/// exposure unknown. A dispense picked up (<c>completed</c>) and a completed or stopped administration mean
/// <c>past</c> (the statin was had then; whether it still is, they do not say), an administration
/// <c>in-progress</c> <c>current</c>; a dispense only ready for pickup (<c>in-progress</c>) means exposure unknown;
/// not-done, declined, preparation and on-hold records are not counted.
/// Entered-in-error, cancelled, draft, not-taken and do-not-perform records are ignored. No statin in the
/// record leaves exposure unknown: a record's silence is not proof the patient never took one.
/// Weeks since a past statin was stopped come only from a stop date to the day (a completed or stopped
/// statement's <c>effectivePeriod.end</c>), and only when every past statin record has one: an order's dates
/// say when it was written, not when the patient stopped, so one such record leaves the weeks unknown.
/// </summary>
internal static class StatinMapper
{
    private const int MaxLines = 3;

    // The findings schema's upper bound for statin.stoppedWeeksAgo: a longer time is left unknown, not cut.
    private const int MaxStoppedWeeks = 5200;

    public static StatinFindings? Map(IReadOnlyList<FhirEntry> entries, string patientId, CodeBook codes, DateOnly today, MappingReport report)
    {
        var medications = new MedicationIndex(entries);
        var found = new List<Found>();
        var unresolved = 0;
        foreach (var resource in entries.Select(e => e.Resource))
        {
            if (Record(resource, patientId) is not { } record)
            {
                continue;
            }

            var (concept, ingredients, isUnresolved) = medications.Resolve(record.Owner, record.Medication);
            var display = FhirValues.Text((record.Medication as ResourceReference)?.DisplayElement);
            // A Medication that could not be had leaves the dosage text, which may still name the statin.
            var byDosage = isUnresolved ? codes.Statins.InText(MedicationIndex.DosageTexts(record.Owner)) : null;
            if ((codes.Statins.Match(concept, display, ingredients) ?? byDosage) is not { } match)
            {
                unresolved += isUnresolved ? 1 : 0;
                continue;
            }

            var what = record.Kind switch
            {
                "MedicationRequest" => "statin order",
                "MedicationDispense" => "statin dispense",
                "MedicationAdministration" => "statin administration",
                _ => "statin statement",
            };
            if (record.Exposure is not { } exposure)
            {
                report.Note($"A {what} ({StatusText(record.Status)}) was not counted as exposure.");
                continue;
            }

            // A dispense picked up whose days' supply still runs today is a statin taken now, not one had once.
            var supplied = exposure == StatinExposure.Past && record.Owner is MedicationDispense dispensed && SupplyRunsToday(dispensed, record.When, today);
            exposure = supplied ? StatinExposure.Current : exposure;

            var intent = record.Owner is MedicationRequest request ? FhirValues.Text(request.IntentElement) : null;
            var source = (intent is "proposal" or "plan" ? $"{record.Status} {record.Kind}, intent {intent}" : $"{record.Status} {record.Kind}")
                + (supplied ? ", its days' supply running to today" : "")
                + (ReferenceEquals(match, byDosage) ? ", its Medication not available, the statin named in the dosage text" : "");
            found.Add(new Found(exposure, match.Ingredient, source, record.When, record.Stopped));
        }

        if (unresolved > 0)
        {
            report.Note($"{unresolved} medication record(s) refer to a Medication that was neither sent nor could be fetched, so they could not be checked for a statin.");
        }

        return found.Count == 0 ? null : Summarise(found, today, report);
    }

    private static MedicationRecord? Record(Resource resource, string patientId) => resource switch
    {
        // An order whose doNotPerform cannot be read may be a do-not-perform order: seen, not counted as exposure.
        MedicationRequest order when !FhirValues.PointsToOtherPatient(order.Subject, patientId) && FhirValues.Flag(order.DoNotPerformElement) != true => new MedicationRecord(
            order, order.Medication,
            FhirValues.Unreadable(order.DoNotPerformElement) ? null : OrderExposure(FhirValues.Text(order.StatusElement), FhirValues.Text(order.IntentElement)),
            "MedicationRequest", FhirValues.Text(order.StatusElement), ClinicalDate.Parse(FhirValues.Text(order.AuthoredOnElement))),
        MedicationStatement statement when !FhirValues.PointsToOtherPatient(statement.Subject, patientId) => new MedicationRecord(
            statement, statement.Medication, StatementExposure(FhirValues.Text(statement.StatusElement)),
            "MedicationStatement", FhirValues.Text(statement.StatusElement),
            StatementWhen(statement.Effective) ?? ClinicalDate.Parse(FhirValues.Text(statement.DateAssertedElement)),
            ClinicalDate.Parse(FhirValues.Text((statement.Effective as Period)?.EndElement))),
        // A dispense or an administration says when the statin was had, not when it was stopped: no stop date.
        MedicationDispense dispense when !FhirValues.PointsToOtherPatient(dispense.Subject, patientId) => new MedicationRecord(
            dispense, dispense.Medication, DispenseExposure(FhirValues.Text(dispense.StatusElement)), "MedicationDispense", FhirValues.Text(dispense.StatusElement),
            ClinicalDate.Parse(FhirValues.Text(dispense.WhenHandedOverElement)) ?? ClinicalDate.Parse(FhirValues.Text(dispense.WhenPreparedElement))),
        MedicationAdministration given when !FhirValues.PointsToOtherPatient(given.Subject, patientId) => new MedicationRecord(
            given, given.Medication, AdministrationExposure(FhirValues.Text(given.StatusElement)), "MedicationAdministration", FhirValues.Text(given.StatusElement),
            FhirValues.When(given.Effective)),
        _ => null,
    };

    // A statement's date for ordering (the period's end, else its start), shown as the period it gives: "2023-11-12
    // to 2023-11-15", "from 2014" or "until 2019-05", never one bare date that could be read as the start.
    private static ClinicalDate? StatementWhen(DataType? effective)
    {
        if (FhirValues.When(effective) is not { } when || effective is not Period period)
        {
            return FhirValues.When(effective);
        }

        var start = ClinicalDate.Parse(FhirValues.Text(period.StartElement));
        var end = ClinicalDate.Parse(FhirValues.Text(period.EndElement));
        return when with
        {
            Display = (start, end) switch
            {
                ({ } from, { } to) => $"{from.Display} to {to.Display}",
                ({ } from, null) => $"from {from.Display}",
                _ => $"until {when.Display}",
            },
        };
    }

    private static StatinFindings Summarise(List<Found> found, DateOnly today, MappingReport report)
    {
        var ordered = found
            .OrderBy(f => f.Exposure)
            .ThenByDescending(f => f.When.HasValue)
            .ThenByDescending(f => f.When?.Start)
            .ToList();
        foreach (var (exposure, drug, source, when, _) in ordered.Take(MaxLines))
        {
            var date = when is { } w ? $", {w.Display}" : "";
            report.Used($"Statin: {drug ?? "a statin (ingredient not named)"} ({source}{date}): exposure {ExposureText(exposure)}.");
        }

        if (ordered.Count > MaxLines)
        {
            report.Used($"… and {ordered.Count - MaxLines} more statin records.");
        }

        var best = ordered[0];
        var weeks = best.Exposure == StatinExposure.Past ? WeeksSinceStopped(found, today, report) : null;
        return new StatinFindings
        {
            Exposure = best.Exposure,
            Drug = best.Drug ?? ordered.Select(f => f.Drug).FirstOrDefault(d => d is not null),
            StoppedWeeksAgo = weeks,
        };
    }

    /// <summary>
    /// Whole weeks from the latest stop date of the past statin records to <paramref name="today"/>; null unless
    /// every past record has a stop date to the day that is not after today.
    /// </summary>
    private static int? WeeksSinceStopped(List<Found> found, DateOnly today, MappingReport report)
    {
        var past = found.Where(f => f.Exposure == StatinExposure.Past).ToList();
        if (past.Any(f => f.Stopped is not { Precision: DatePrecision.Day or DatePrecision.Time } stop || stop.LastDay > today))
        {
            return null;
        }

        var last = past.Select(f => f.Stopped!.Value).MaxBy(stop => stop.LastDay);
        var weeks = (today.DayNumber - last.LastDay.DayNumber) / 7;
        if (weeks > MaxStoppedWeeks)
        {
            return null;
        }

        report.Used($"Statin stopped {last.Display}: {weeks} whole week(s) ago.");
        return weeks;
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

    /// <summary>
    /// Whether a dispense handed over on a known day (not after today) gave a supply in days (UCUM <c>d</c> or a
    /// unit reading "day") that reaches today.
    /// </summary>
    private static bool SupplyRunsToday(MedicationDispense dispense, ClinicalDate? handedOver, DateOnly today)
    {
        if (handedOver is not { Precision: DatePrecision.Day or DatePrecision.Time } day || day.LastDay > today
            || dispense.DaysSupply is not { Value: { } days } supply || days <= 0 || days > 3650)
        {
            return false;
        }

        var inDays = supply.Code is "d" || (supply.Unit ?? string.Empty).StartsWith("day", StringComparison.OrdinalIgnoreCase);
        return inDays && day.LastDay.AddDays((int)Math.Ceiling(days)) >= today;
    }

    private static StatinExposure? DispenseExposure(string? status) => status switch
    {
        "completed" => StatinExposure.Past,
        "in-progress" or "unknown" => StatinExposure.Unknown,
        _ => null,
    };

    private static StatinExposure? AdministrationExposure(string? status) => status switch
    {
        "in-progress" => StatinExposure.Current,
        "completed" or "stopped" => StatinExposure.Past,
        "unknown" => StatinExposure.Unknown,
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
        DomainResource Owner, DataType? Medication, StatinExposure? Exposure, string Kind, string? Status, ClinicalDate? When, ClinicalDate? Stopped = null);

    private readonly record struct Found(StatinExposure Exposure, string? Drug, string Source, ClinicalDate? When, ClinicalDate? Stopped);
}
