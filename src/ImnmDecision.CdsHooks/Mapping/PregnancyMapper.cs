using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Pregnancy (<c>patient.pregnant</c>) from the newest <c>final</c>, <c>amended</c> or <c>corrected</c> pregnancy
/// status Observation (a configured code, read from a configured coded answer or a <c>valueBoolean</c>; any other
/// answer, "Unknown" included, leaves pregnancy unknown), or from an active, unabated pregnancy Condition recorded
/// after that result (or with no such result) whose onset is not longer ago than a pregnancy can last (the code
/// lists' <c>conditionCurrentForWeeks</c>; an older one, or an older result saying pregnant, or one followed by the end
/// of a pregnancy Condition, is noted and not used; a result saying not pregnant stands for today only when it is
/// recent, <c>notPregnantCurrentForDays</c>). A Condition that is
/// refuted, unconfirmed, provisional, differential or entered in error is not used. Pregnant is never set for a male
/// patient (the contract forbids it; the card says so). Nothing recorded stays unknown, never false.
/// </summary>
internal static class PregnancyMapper
{
    private static readonly string[] UnusedVerifications = ["entered-in-error", "refuted", "unconfirmed", "provisional", "differential"];

    public static bool? Map(IEnumerable<ObservationReading> readings, IEnumerable<Resource> resources, string patientId, CodeBook codes, Sex? sex, DateOnly today, MappingReport report)
    {
        var status = ObservationReading.NewestFirst(readings.Where(r => codes.Pregnancy.IsStatus(r.Code)))
            .FirstOrDefault(r => r.Status is "final" or "amended" or "corrected");
        var condition = resources.OfType<Condition>()
            .Where(c => !FhirValues.PointsToOtherPatient(c.Subject, patientId) && codes.Pregnancy.IsPregnancyCondition(c.Code) && IsActive(c))
            .Select(c => (Condition: c, When: FhirValues.When(c.Onset) ?? ClinicalDate.Parse(FhirValues.Text(c.RecordedDateElement))))
            .OrderByDescending(c => c.When.HasValue)
            .ThenByDescending(c => c.When?.Start)
            .FirstOrDefault();
        if (condition.Condition is not null && OutOfDate(condition.When, codes.Pregnancy.ConditionCurrentForWeeks, today) is { } weeks)
        {
            report.Note($"An active pregnancy Condition since {condition.When!.Value.Display} began more than {weeks} weeks ago, longer than a pregnancy lasts: "
                + "it is out of date and was not used (pregnancy stays unknown unless a pregnancy status says otherwise; ask the patient).");
            condition = default;
        }

        bool? pregnant;
        if (condition.Condition is not null && (status is null || (condition.When is { } since && (status.When is not { } then || since.Start > then.Start))))
        {
            pregnant = true;
            report.Used($"Pregnancy: pregnant (an active pregnancy Condition{(condition.When is { } when ? $" since {when.Display}" : "")}).");
        }
        else if (status is not null)
        {
            pregnant = Read(status, codes, out var answer);
            if (pregnant == true && !StillPregnant(status, resources, patientId, codes, today, report))
            {
                return null;
            }

            if (pregnant == false && StaleNotPregnant(status, codes.Pregnancy.NotPregnantCurrentForDays, today) is { } days)
            {
                report.Note($"A pregnancy status of {status.DateText} said not pregnant, {(status.When is null ? "with no date" : $"more than {days} days ago")}: "
                    + "a status holds only for when it was taken, so pregnancy stays unknown; check it before starting a drug that pregnancy rules out.");
                return null;
            }

            report.Used($"Pregnancy status: {answer} (Observation {Code(status.Code, codes)} {status.OnDate}){(pregnant is null ? ": pregnancy stays unknown" : "")}.");
            if (condition.Condition is not null)
            {
                report.Note("An active pregnancy Condition is not newer than the pregnancy status result, so the result was used.");
            }
        }
        else
        {
            return null;
        }

        if (pregnant == true && sex == Sex.Male)
        {
            report.Note("The record says pregnant, but the patient's sex is male: pregnancy was not used.");
            return null;
        }

        return pregnant;
    }

    /// <summary>
    /// Whether a status result saying pregnant still can: not when it is older than a pregnancy lasts, nor when a
    /// pregnancy Condition ended after it (Synthea records "Pregnant" at conception and no "not pregnant" after the
    /// delivery, which ends its Condition). Either way the card says why pregnancy stays unknown.
    /// </summary>
    private static bool StillPregnant(ObservationReading status, IEnumerable<Resource> resources, string patientId, CodeBook codes, DateOnly today, MappingReport report)
    {
        if (OutOfDate(status.When, codes.Pregnancy.ConditionCurrentForWeeks, today) is { } weeks)
        {
            report.Note($"A pregnancy status of {status.DateText} said pregnant more than {weeks} weeks ago, longer than a pregnancy lasts: "
                + "it is out of date and was not used (pregnancy stays unknown; ask the patient).");
            return false;
        }

        var ended = status.When is not { } seen ? null : resources.OfType<Condition>()
            .Where(c => !FhirValues.PointsToOtherPatient(c.Subject, patientId) && codes.Pregnancy.IsPregnancyCondition(c.Code))
            .Where(c => !UnusedVerifications.Contains(FhirValues.Codings(c.VerificationStatus).Select(v => v.Code).FirstOrDefault(v => v is not null), StringComparer.Ordinal))
            .Select(c => FhirValues.When(c.Abatement))
            .Where(end => end is { } day && day.FirstDay > seen.LastDay)
            .OrderByDescending(end => end!.Value.Start)
            .FirstOrDefault();
        if (ended is { } end)
        {
            report.Note($"The pregnancy status of {status.DateText} said pregnant, but a pregnancy Condition ended on {end.Display}: pregnancy stays unknown; ask the patient.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The configured number of weeks when a Condition's onset (its last possible day, for a partial date) lies more
    /// than that long before today; <c>null</c> when it does not, when the onset is unknown, or when no limit is set.
    /// </summary>
    private static int? OutOfDate(ClinicalDate? onset, int? weeks, DateOnly today) =>
        onset is { } since && weeks is { } limit && today.DayNumber - since.LastDay.DayNumber > limit * 7 ? limit : null;

    /// <summary>The configured number of days when a "not pregnant" result is older than that (or undated); <c>null</c> when it is recent or no limit is set.</summary>
    private static int? StaleNotPregnant(ObservationReading status, int? days, DateOnly today) =>
        days is not { } limit ? null
        : status.When is not { } taken || today.DayNumber - taken.LastDay.DayNumber > limit ? limit : null;

    private static bool IsActive(Condition condition)
    {
        var clinical = FhirValues.Codings(condition.ClinicalStatus).Select(c => c.Code).FirstOrDefault(c => c is not null);
        var verification = FhirValues.Codings(condition.VerificationStatus).Select(c => c.Code).FirstOrDefault(c => c is not null);
        return clinical == "active" && condition.Abatement is null && !UnusedVerifications.Contains(verification, StringComparer.Ordinal);
    }

    private static bool? Read(ObservationReading status, CodeBook codes, out string answer)
    {
        switch (status.Value)
        {
            case CodeableConcept concept when codes.Pregnancy.Answer(concept) is { } coded:
                answer = $"{(coded.Pregnant ? "pregnant" : "not pregnant")}, {Safe.Code(coded.Code)}";
                return coded.Pregnant;
            case FhirBoolean flag when FhirValues.Flag(flag) is { } value:
                answer = value ? "pregnant, true" : "not pregnant, false";
                return value;
            case CodeableConcept concept:
                var said = FhirValues.Codings(concept).Select(c => c.Code).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))
                    ?? FhirValues.Texts(concept).FirstOrDefault();
                answer = said is null ? "without a coded answer" : $"\"{Safe.Code(said)}\"";
                return null;
            default:
                answer = status.AbsentReason is { } absent ? $"without a value (data absent: {absent})" : "without a coded answer";
                return null;
        }
    }

    private static string Code(CodeableConcept? code, CodeBook codes) =>
        FhirValues.Codings(code).Where(c => codes.Pregnancy.IsStatus(new CodeableConcept(c.System, c.Code))).Select(c => Safe.Code(c.Code)).FirstOrDefault() ?? "pregnancy status";
}
