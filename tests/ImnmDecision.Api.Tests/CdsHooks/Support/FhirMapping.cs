using System.Text.Json;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>Maps FHIR R4 resources written in a test, sent as one prefetched searchset Bundle, for patient pt-1.</summary>
internal static class FhirMapping
{
    public static MappedCase Map(params string[] resources) => Map(CdsFixtures.Codes, resources);

    public static MappedCase Map(CodeBook codes, params string[] resources) => Map(codes, null, resources);

    /// <summary>The same, with the ruleset's default CK limits as the service passes them.</summary>
    public static MappedCase Map(CkDefaultLimits? ckDefaults, params string[] resources) => Map(CdsFixtures.Codes, ckDefaults, resources);

    /// <summary>The same, with the ruleset's CK limits and child age as the service passes them.</summary>
    public static MappedCase MapAsTheService(params string[] resources) =>
        Map(CdsFixtures.Codes, RecordHooks.RulesetLimits.Value.Ck, resources, RecordHooks.RulesetLimits.Value.ChildUnderYears);

    private static MappedCase Map(CodeBook codes, CkDefaultLimits? ckDefaults, string[] resources, double? childUnderYears = null)
    {
        var entries = string.Join(",", resources.Select((r, i) => $$"""{ "fullUrl": "urn:uuid:00000000-0000-4000-8000-{{i:D12}}", "resource": {{r}} }"""));
        using var document = JsonDocument.Parse($$"""{ "resourceType": "Bundle", "type": "searchset", "entry": [ {{entries}} ] }""");
        var key = new PrefetchTemplates(codes).Assessment[1];
        var slot = PrefetchResolver.FromPrefetch(key, document.RootElement.Clone());
        return new FhirFindingsMapper(codes, new FixedTime(CdsFixtures.Today), ckDefaults, childUnderYears).Map("pt-1", new Dictionary<string, PrefetchSlot> { [key.Name] = slot });
    }

    /// <summary>A patient (pt-1) of the given sex born on the given date.</summary>
    public static string Patient(string gender, string birthDate = "1960-01-01") =>
        $$"""{ "resourceType": "Patient", "id": "pt-1", "gender": "{{gender}}", "birthDate": "{{birthDate}}" }""";

    /// <summary>A CK Observation (LOINC 2157-6) for pt-1.</summary>
    public static string Ck(string id, string value, string unit, string date, string status = "final", string ranges = "[]", string? issued = null, string? code = null) => $$"""
        {
          "resourceType": "Observation", "id": "{{id}}", "status": "{{status}}",
          "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory" } ] } ],
          "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6", "display": "Creatine kinase [Enzymatic activity/volume] in Serum or Plasma" } ] },
          "subject": { "reference": "Patient/pt-1" },
          "effectiveDateTime": "{{date}}",
          {{(issued is null ? "" : $"\"issued\": \"{issued}\",")}}
          "valueQuantity": { "value": {{value}}, "unit": "{{unit}}", "system": "http://unitsofmeasure.org"{{(code is null ? "" : $", \"code\": \"{code}\"")}} },
          "referenceRange": {{ranges}}
        }
        """;

    /// <summary>An antibody Observation for pt-1 with the given LOINC code and result elements (JSON members).</summary>
    public static string Antibody(string id, string loinc, string date, string result, string status = "final") => $$"""
        {
          "resourceType": "Observation", "id": "{{id}}", "status": "{{status}}",
          "code": { "coding": [ { "system": "http://loinc.org", "code": "{{loinc}}" } ] },
          "subject": { "reference": "Patient/pt-1" },
          "effectiveDateTime": "{{date}}",
          {{result}}
        }
        """;
}
