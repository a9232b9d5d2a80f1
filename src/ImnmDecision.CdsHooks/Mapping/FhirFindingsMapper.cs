using System.Text.Json;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Maps resolved prefetch data (FHIR R4 resources) to <see cref="Findings"/>. It only maps: which code is a CK,
/// how a result reads, which record is a statin. Every clinical decision is the engine's. What the data do not
/// show stays unknown, and what could not be obtained is reported.
/// </summary>
internal sealed class FhirFindingsMapper(CodeBook codes, TimeProvider clock)
{
    public MappedCase Map(string patientId, IReadOnlyDictionary<string, PrefetchSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(slots);
        var report = new MappingReport();
        var resources = Distinct(slots.Values.SelectMany(s => s.Resources)).ToList();

        var patient = resources
            .Where(r => FhirJson.ResourceType(r) == "Patient")
            .Select(FhirJson.TryRead<FhirPatient>)
            .FirstOrDefault(p => p is not null && (p.Id is null || p.Id == patientId));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (age, sex) = PatientMapper.Map(patient, today, report);

        var observations = Read<FhirObservation>(resources, "Observation", report)
            .Where(o => KeepForPatient(o.Subject, patientId, report))
            .ToList();
        var readings = observations.SelectMany(ObservationReading.From).ToList();
        var ck = CkMapper.Map(readings.Where(r => codes.IsCk(r.Code)), codes, report);
        var antibodyReadings = readings
            .Select(r => (Kind: codes.Antibody(r.Code), Reading: r))
            .Where(r => r.Kind is not null)
            .Select(r => (r.Kind!, r.Reading));
        var (antibodies, hmgcr) = AntibodyMapper.Map(antibodyReadings, codes, report);
        var statin = StatinMapper.Map(resources, patientId, codes, report);
        var biopsy = BiopsyMapper.Map(Read<FhirDiagnosticReport>(resources, "DiagnosticReport", report), patientId, codes, report);
        var weight = WeightMapper.Map(readings.Where(r => codes.IsBodyWeight(r.Code)), codes, report);

        var findings = new Findings
        {
            Patient = age is null && sex is null && weight is null ? null : new PatientFindings { AgeYears = age, Sex = sex, WeightKg = weight },
            Ck = ck,
            Antibodies = antibodies,
            Biopsy = biopsy,
            Statin = statin,
        };

        var gaps = slots.Values
            .Where(s => s.Failed || s.State == PrefetchState.NotProvided)
            .Select(s => new DataGap(s.Key.Description, s.Problem ?? "not available", s.Failed))
            .ToList();

        return new MappedCase
        {
            Findings = findings,
            Evidence = report.Evidence,
            Notes = report.Notes,
            Gaps = gaps,
            Hmgcr = hmgcr,
        };
    }

    // The same resource can arrive under two keys (an EHR answering overlapping searches): keep it once.
    private static IEnumerable<JsonElement> Distinct(IEnumerable<JsonElement> resources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var id = FhirJson.Id(resource);
            if (id is null || seen.Add($"{FhirJson.ResourceType(resource)}/{id}"))
            {
                yield return resource;
            }
        }
    }

    private static IEnumerable<T> Read<T>(IEnumerable<JsonElement> resources, string type, MappingReport report)
        where T : class
    {
        foreach (var resource in resources.Where(r => FhirJson.ResourceType(r) == type))
        {
            if (FhirJson.TryRead<T>(resource) is { } read)
            {
                yield return read;
            }
            else
            {
                report.Note($"A {type} could not be read (its JSON does not follow FHIR R4) and was skipped.");
            }
        }
    }

    private static bool KeepForPatient(FhirReference? subject, string patientId, MappingReport report)
    {
        if (subject?.PointsToOtherPatientThan(patientId) != true)
        {
            return true;
        }

        report.Note("A result recorded for another patient was ignored.");
        return false;
    }
}
