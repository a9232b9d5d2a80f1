using System.Diagnostics;
using System.Text.Json;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// Reads one small Bundle with Firely at start-up, so that the SDK's one-time model inspection (a few hundred
/// milliseconds) is not paid by the first hook call.
/// </summary>
internal sealed partial class FhirWarmUp(ILogger<FhirWarmUp> logger) : IHostedService
{
    private const string Sample = """
        {"resourceType":"Bundle","type":"searchset","entry":[
          {"resource":{"resourceType":"Patient","id":"warm-up","gender":"unknown","birthDate":"1970"}},
          {"resource":{"resourceType":"Observation","id":"warm-up","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2157-6"}]},
            "valueQuantity":{"value":1,"unit":"U/L"},"referenceRange":[{"high":{"value":1}}],"interpretation":[{"coding":[{"code":"N"}]}]}},
          {"resource":{"resourceType":"MedicationRequest","id":"warm-up","status":"active","intent":"order","subject":{"reference":"Patient/warm-up"},
            "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"36567"}]}}},
          {"resource":{"resourceType":"MedicationStatement","id":"warm-up","status":"active","subject":{"reference":"Patient/warm-up"},"medicationReference":{"reference":"Medication/warm-up"}}},
          {"resource":{"resourceType":"Medication","id":"warm-up"}},
          {"resource":{"resourceType":"DiagnosticReport","id":"warm-up","status":"final","code":{"text":"warm-up"}}}]}
        """;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var document = JsonDocument.Parse(Sample);
        _ = FhirParsing.Page(document.RootElement);
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogWarmedUp(elapsedMs);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Firely FHIR SDK loaded in {ElapsedMs} ms")]
    private partial void LogWarmedUp(long elapsedMs);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
