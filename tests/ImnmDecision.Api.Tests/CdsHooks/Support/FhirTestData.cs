using System.Text.Json;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>FHIR R4 JSON written in a test, read with the same Firely parsing the service uses.</summary>
internal static class FhirTestData
{
    /// <summary>A resource from its JSON.</summary>
    public static T Resource<T>(string json)
        where T : Resource
    {
        using var document = JsonDocument.Parse(json);
        return FhirParsing.Read(document.RootElement).Should().BeOfType<T>().Subject;
    }

    /// <summary>A CodeableConcept from its JSON (read as a Medication's code).</summary>
    public static CodeableConcept Concept(string json) =>
        Resource<Medication>($$"""{ "resourceType": "Medication", "code": {{json}} }""").Code!;

    /// <summary>An Observation from its JSON, with resourceType and a final status added when absent.</summary>
    public static Observation Observation(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["resourceType"] = "Observation";
        node["status"] ??= "final";
        node["code"] ??= new System.Text.Json.Nodes.JsonObject { ["text"] = "test" };
        return Resource<Observation>(node.ToJsonString());
    }
}
