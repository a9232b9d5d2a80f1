using System.Text.Json;
using ImnmDecision.Api.OpenApi;

namespace ImnmDecision.Api.CasePage;

/// <summary>The Swagger UI examples (<see cref="ExampleCatalog"/>) as one JSON array for the case page's one-click cases.</summary>
internal static class CasePageExamples
{
    /// <summary>Writes <c>[{ name, summary, description, value }]</c>, in the catalogue's order.</summary>
    public static void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray();
        foreach (var example in ExampleCatalog.All)
        {
            json.WriteStartObject();
            json.WriteString("name", example.Name);
            json.WriteString("summary", example.Summary);
            json.WriteString("description", example.Description);
            json.WritePropertyName("value");
            json.WriteRawValue(example.Json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
