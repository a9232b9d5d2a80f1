using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Maps resolved prefetch data (Firely's FHIR R4 resources) to <see cref="Findings"/>. It only maps: which code
/// is a CK, how a result reads, which record is a statin. Every clinical decision is the engine's. What the
/// data do not show stays unknown, and what could not be obtained or was cut short is reported. This is the
/// one place that builds <see cref="Findings"/> from FHIR. <paramref name="ckDefaults"/> are the ruleset's default CK
/// limits, against which a CK without the lab's own limit is checked for a lab flag that says otherwise;
/// <paramref name="childUnderYears"/> is the ruleset's child age, under which a weight was a child's.
/// </summary>
internal sealed class FhirFindingsMapper(CodeBook codes, TimeProvider clock, CkDefaultLimits? ckDefaults = null, double? childUnderYears = null)
{
    public MappedCase Map(string patientId, IReadOnlyDictionary<string, PrefetchSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(slots);
        var report = new MappingReport();
        var entries = Distinct(slots.Values.SelectMany(s => s.Resources)).ToList();
        var unreadable = slots.Values.Sum(s => s.Unreadable);
        if (unreadable > 0)
        {
            report.Note($"{unreadable} resource(s) could not be read (their JSON does not follow FHIR R4) and were skipped.");
        }

        var partial = slots.Values.Sum(s => s.Partial);
        if (partial > 0)
        {
            report.Note($"{partial} resource(s) have elements that do not follow FHIR R4; those elements were left out.");
        }

        var patient = entries
            .Select(e => e.Resource)
            .OfType<Patient>()
            .FirstOrDefault(p => FhirValues.Id(p) is not { } id || id == patientId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (age, sex) = PatientMapper.Map(patient, codes, today, report);

        var observations = entries
            .Select(e => e.Resource)
            .OfType<Observation>()
            .Where(o => KeepForPatient(o.Subject, patientId, report))
            .ToList();
        var readings = observations.SelectMany(ObservationReading.From).ToList();
        var ck = CkMapper.Map(readings.Where(r => codes.IsCk(r.Code)), codes, sex, age, report, ckDefaults);
        var antibodyReadings = readings
            .Select(r => (Kind: codes.Antibody(r.Code), Reading: r))
            .Where(r => r.Kind is not null)
            .Select(r => (r.Kind!, r.Reading));
        var (antibodies, hmgcr) = AntibodyMapper.Map(antibodyReadings, codes, report);
        var statin = StatinMapper.Map(entries, patientId, codes, today, report);
        var (biopsy, biopsyItems) = BiopsyMapper.Map(entries.Select(e => e.Resource).OfType<DiagnosticReport>(), patientId, codes, report);
        var weight = WeightMapper.Map(readings.Where(r => codes.IsBodyWeight(r.Code)), codes, report, FhirValues.Text(patient?.BirthDateElement), age, childUnderYears, today);
        var labs = LabMapper.Map(readings, codes, sex, age, report);
        var pregnant = PregnancyMapper.Map(readings, entries.Select(e => e.Resource), patientId, codes, sex, today, report);
        var (signs, onsetYearsAgo) = SignMapper.Map([.. entries.Select(e => e.Resource)], readings, patientId, codes, age, today, report);

        var sections = new MappedSections
        {
            Patient = age is null && sex is null && weight is null && pregnant is null ? null : new PatientFindings { AgeYears = age, Sex = sex, WeightKg = weight, Pregnant = pregnant },
            Ck = ck,
            Antibodies = antibodies,
            Biopsy = biopsy,
            Statin = statin,
            Booleans = labs.Concat(signs).Concat(biopsyItems).ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal),
            SymptomOnsetYearsAgo = onsetYearsAgo,
        };

        var gaps = slots.Values
            .Where(s => s.Failed || s.State == PrefetchState.NotProvided)
            .Select(s => new DataGap(s.Key.Description, s.Problem ?? "not available", s.Failed))
            .Concat(slots.Values.Where(s => s.Truncation is not null).Select(s => new DataGap(s.Key.Description, s.Truncation!, true)))
            .ToList();

        return new MappedCase
        {
            Sections = sections,
            Findings = sections.ToFindings(),
            Evidence = report.Evidence,
            Notes = report.Notes,
            Gaps = gaps,
            Hmgcr = hmgcr,
            AbnormalResultNotUsed = report.AbnormalResultNotUsed,
        };
    }

    // The same resource can arrive under two keys (an EHR answering overlapping searches): keep it once.
    private static IEnumerable<FhirEntry> Distinct(IEnumerable<FhirEntry> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.RelativeReference is not { } reference || seen.Add(reference))
            {
                yield return entry;
            }
        }
    }

    private static bool KeepForPatient(ResourceReference? subject, string patientId, MappingReport report)
    {
        if (!FhirValues.PointsToOtherPatient(subject, patientId))
        {
            return true;
        }

        report.Note("A result recorded for another patient was ignored.");
        return false;
    }
}
