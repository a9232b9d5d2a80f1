using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Signs and weakness patterns (<c>skin.*</c>, <c>clinical.weaknessPattern.*</c>) and the symptom onset, from
/// Conditions and Observations whose code is configured for them.
/// <list type="bullet">
/// <item>A Condition records the finding (true) whatever its clinical status (a resolved rash was still there);
/// <c>verificationStatus</c> <c>refuted</c> records its absence (false); <c>entered-in-error</c> is ignored, and
/// <c>unconfirmed</c>, <c>provisional</c> and <c>differential</c> are not used (noted). A confirmed record wins over
/// a refuted one.</item>
/// <item>An Observation gives true or false from <c>valueBoolean</c>, or a coded or text value read as present or
/// absent (the result code lists); the most recent usable one wins.</item>
/// <item><c>clinical.symptomOnsetYearsAgo</c>: whole years since the earliest onset (<c>onsetDateTime</c>,
/// <c>onsetPeriod.start</c>, or <c>onsetAge</c> in years with the patient's age) of a Condition configured as a
/// symptom-onset condition.</item>
/// </list>
/// Nothing recorded stays unknown, never false.
/// </summary>
internal static class SignMapper
{
    // The contract's range of clinical.symptomOnsetYearsAgo.
    private const int MaxYears = 100;

    public static (IReadOnlyDictionary<string, bool> Findings, double? OnsetYearsAgo) Map(
        IReadOnlyList<Resource> resources, IEnumerable<ObservationReading> readings, string patientId, CodeBook codes, double? ageYears, DateOnly today, MappingReport report)
    {
        var found = new Dictionary<string, bool>(StringComparer.Ordinal);
        var conditions = resources.OfType<Condition>().Where(c => !FhirValues.PointsToOtherPatient(c.Subject, patientId)).ToList();
        foreach (var condition in conditions)
        {
            if (codes.Findings.Finding(condition.Code) is not { } path)
            {
                continue;
            }

            var verification = FhirValues.Codings(condition.VerificationStatus).Select(c => c.Code).FirstOrDefault(c => c is not null);
            switch (verification)
            {
                case "entered-in-error":
                    continue;
                case "unconfirmed" or "provisional" or "differential":
                    report.Note($"A {Label(path)} Condition is {verification}, so it was not used.");
                    continue;
                case "refuted":
                    if (!found.ContainsKey(path))
                    {
                        found[path] = false;
                        report.Used($"{Label(path)}: recorded as refuted (Condition).");
                    }

                    continue;
                default:
                    if (!found.TryGetValue(path, out var known) || !known)
                    {
                        found[path] = true;
                        report.Used($"{Label(path)}: recorded as a Condition{When(condition)}.");
                    }

                    continue;
            }
        }

        ReadObservations(readings, codes, found, report);
        return (found, OnsetYearsAgo(conditions, codes, ageYears, today, report));
    }

    private static void ReadObservations(IEnumerable<ObservationReading> readings, CodeBook codes, Dictionary<string, bool> found, MappingReport report)
    {
        var byFinding = readings
            .Select(r => (Path: codes.Findings.Finding(r.Code), Reading: r))
            .Where(r => r.Path is not null && !found.ContainsKey(r.Path))
            .GroupBy(r => r.Path!, StringComparer.Ordinal);
        foreach (var group in byFinding)
        {
            var reading = ObservationReading.NewestFirst(group.Select(g => g.Reading)).FirstOrDefault(r => ResultStatus.IsUsableObservation(r.Status));
            if (reading is null)
            {
                continue;
            }

            bool? present = reading.Value switch
            {
                FhirBoolean flag => FhirValues.Flag(flag),
                CodeableConcept concept => Read(codes.CodedValue(concept) ?? FhirValues.Texts(concept).Select(codes.TextValue).FirstOrDefault(r => r is not null)),
                FhirString text => Read(codes.TextValue(FhirValues.Text(text))),
                _ => null,
            };
            if (present is { } value)
            {
                found[group.Key] = value;
                report.Used($"{Label(group.Key)}: {(value ? "present" : "absent")} (Observation, {reading.DateText}).");
            }
        }
    }

    private static bool? Read(AntibodyResult? result) => result switch
    {
        AntibodyResult.Positive => true,
        AntibodyResult.Negative => false,
        _ => null,
    };

    private static double? OnsetYearsAgo(List<Condition> conditions, CodeBook codes, double? ageYears, DateOnly today, MappingReport report)
    {
        int? earliest = null;
        foreach (var condition in conditions.Where(c => codes.Findings.IsSymptomOnset(c.Code)))
        {
            var verification = FhirValues.Codings(condition.VerificationStatus).Select(c => c.Code).FirstOrDefault(c => c is not null);
            if (verification is "entered-in-error" or "refuted")
            {
                continue;
            }

            int? years = condition.Onset switch
            {
                FhirDateTime date => PatientMapper.Age(FhirValues.Text(date), today, out _),
                Period period => PatientMapper.Age(FhirValues.Text(period.StartElement), today, out _),
                Age age when ageYears is { } now && FhirValues.Decimal(age.ValueElement) is { } then
                    && FhirValues.Text(age.CodeElement) is "a" && (decimal)now >= then => (int)Math.Floor((decimal)now - then),
                _ => null,
            };
            if (years is { } y && (y > MaxYears || (ageYears is { } age2 && y > age2)))
            {
                report.Note("A Condition's onset is further back than the patient's age allows, so it was not used for the symptom onset.");
                continue;
            }

            if (years is { } y2 && (earliest is null || y2 > earliest))
            {
                earliest = y2;
            }
        }

        if (earliest is { } found)
        {
            report.Used($"Muscle symptoms began {found} year(s) ago (the earliest onset recorded on a Condition).");
        }

        return earliest;
    }

    private static string When(Condition condition) =>
        (FhirValues.When(condition.Onset) ?? ClinicalDate.Parse(FhirValues.Text(condition.RecordedDateElement))) is { } when ? $", {when.Display}" : "";

    // "skin.heliotropeRash" -> "Heliotrope rash".
    private static string Label(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
