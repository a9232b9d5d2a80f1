using System.Diagnostics;
using System.Text.Json;
using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Runs the patient-view path (Firely parsing, mapping, engine, card) once on made-up prefetch data at
/// start-up, so that the Firely SDK's one-time model inspection and the first compilation of that code (about
/// a second or more) are not paid by the first real hook call. It leaves out the findings validator (a host
/// may replace it) and nothing of it is logged but the duration.
/// </summary>
internal sealed partial class CdsWarmUp(
    PrefetchTemplates templates, FhirFindingsMapper mapper, AssessmentEngine engine, AssessmentCardBuilder cards, ILogger<CdsWarmUp> logger) : IHostedService
{
    /// <summary>The made-up prefetch (no real patient) that the warm-ups read.</summary>
    internal const string Sample = """
        { "context": { "patientId": "warm-up", "userId": "Practitioner/warm-up" },
          "prefetch": {
            "patient": { "resourceType": "Patient", "id": "warm-up", "gender": "female", "birthDate": "1970" },
            "ck": { "resourceType": "Bundle", "type": "searchset", "entry": [ { "fullUrl": "urn:uuid:0a5c7f0e-0000-4000-8000-000000000001", "resource":
              { "resourceType": "Observation", "id": "warm-up-ck", "status": "final", "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6" } ] },
                "subject": { "reference": "Patient/warm-up" }, "effectiveDateTime": "2020-01-01", "issued": "2020-01-01T10:00:00Z",
                "valueQuantity": { "value": 1000, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" },
                "referenceRange": [ { "high": { "value": 200, "unit": "U/L" }, "appliesTo": [ { "text": "female" } ] } ] } } ] },
            "myositisAntibodies": { "resourceType": "Bundle", "type": "searchset", "entry": [ { "resource":
              { "resourceType": "Observation", "id": "warm-up-ab", "status": "final", "code": { "coding": [ { "system": "http://loinc.org", "code": "93493-5" } ] },
                "subject": { "reference": "Patient/warm-up" }, "effectiveDateTime": "2020-01-01", "valueString": "<20 CU", "referenceRange": [ { "text": "<20 CU" } ],
                "interpretation": [ { "coding": [ { "code": "N" } ] } ] } } ] },
            "statinRequests": { "resourceType": "Bundle", "type": "searchset", "entry": [
              { "resource": { "resourceType": "MedicationRequest", "id": "warm-up-mr", "status": "active", "intent": "order", "subject": { "reference": "Patient/warm-up" },
                "medicationReference": { "reference": "Medication/warm-up-med" } } },
              { "resource": { "resourceType": "Medication", "id": "warm-up-med", "code": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "617310" } ] } } } ] },
            "statinStatements": null,
            "biopsy": { "resourceType": "DiagnosticReport", "id": "warm-up-dr", "status": "final", "code": { "text": "muscle biopsy" } },
            "weight": null } }
        """;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var document = JsonDocument.Parse(Sample);
        var prefetch = document.RootElement.GetProperty("prefetch");
        var slots = templates.Assessment.Where(k => prefetch.TryGetProperty(k.Name, out _)).ToDictionary(
            k => k.Name, k => PrefetchResolver.FromPrefetch(k, prefetch.GetProperty(k.Name)), StringComparer.Ordinal);
        var mapped = mapper.Map("warm-up", slots);
        _ = cards.Build(engine.Assess(mapped.Findings), mapped);
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogWarmedUp(elapsedMs);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks warmed up (Firely FHIR SDK, mapping, engine, cards) in {ElapsedMs} ms")]
    private partial void LogWarmedUp(long elapsedMs);
}
