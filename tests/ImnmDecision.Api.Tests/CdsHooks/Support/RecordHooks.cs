using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>patient-view calls on a public record as the CDS Hooks sandbox makes them, and the record's mapping.</summary>
internal static class RecordHooks
{
    /// <summary>What the sandbox does: each template with the context filled in, asked of the FHIR server; a 404 leaves the key out.</summary>
    public static JsonObject Prefetch(RecordFhirServer server, IEnumerable<KeyValuePair<string, string>> templates)
    {
        var prefetch = new JsonObject();
        foreach (var (key, template) in templates)
        {
            var query = template.Replace("{{context.patientId}}", server.Record.PatientId, StringComparison.Ordinal);
            if (server.Record.Answer(query, server.BaseUrl, null) is { } answer)
            {
                prefetch[key] = answer;
            }
        }

        return prefetch;
    }

    /// <summary>The templates of imnm-assessment, as discovery lists them.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AssessmentTemplates() =>
        new PrefetchTemplates(CdsFixtures.Codes).Assessment.Select(k => KeyValuePair.Create(k.Name, k.Template));

    /// <summary>A patient-view call with the server's token, with the prefetch or (null) without.</summary>
    public static string Call(RecordFhirServer server, JsonObject? prefetch)
    {
        var call = new JsonObject
        {
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["hook"] = "patient-view",
            ["fhirServer"] = server.BaseUrl.ToString(),
            ["fhirAuthorization"] = new JsonObject
            {
                ["access_token"] = RecordFhirServer.AccessToken,
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
                ["scope"] = "patient/*.read",
                ["subject"] = "imnm-decision",
            },
            ["context"] = new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = server.Record.PatientId },
        };
        if (prefetch is not null)
        {
            call["prefetch"] = prefetch.DeepClone();
        }

        return call.ToJsonString();
    }

    // The repository ruleset's default CK limits and child age, as the service passes them to its mapper.
    internal static readonly Lazy<(CkDefaultLimits Ck, double ChildUnderYears)> RulesetLimits = new(() =>
    {
        var folder = RulesetLoader.FindFolder(AppContext.BaseDirectory, Directory.GetCurrentDirectory())!;
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, RulesetLoader.RulesetFile)))!["parameters"]!;
        decimal Value(string name) => parameters[name]!["value"]!.GetValue<decimal>();
        return (new CkDefaultLimits(Value(RulesetLoader.DefaultUlnFemaleParameter), Value(RulesetLoader.DefaultUlnOtherParameter)),
            (double)Value(RulesetLoader.ChildUnderYearsParameter));
    });

    /// <summary>The mapping of a filled prefetch (evidence and notes as the card lists them), today being the real today unless a clock is given.</summary>
    public static MappedCase Map(JsonObject prefetch, string patientId, TimeProvider? clock = null)
    {
        var slots = new PrefetchTemplates(CdsFixtures.Codes).Assessment.ToDictionary(
            key => key.Name,
            key => prefetch[key.Name] is { } value
                ? PrefetchResolver.FromPrefetch(key, JsonSerializer.Deserialize<JsonElement>(value.ToJsonString()))
                : new PrefetchSlot(key, PrefetchState.NotProvided, [], "not provided by the EHR"),
            StringComparer.Ordinal);
        return new FhirFindingsMapper(CdsFixtures.Codes, clock ?? TimeProvider.System, RulesetLimits.Value.Ck, RulesetLimits.Value.ChildUnderYears).Map(patientId, slots);
    }
}
