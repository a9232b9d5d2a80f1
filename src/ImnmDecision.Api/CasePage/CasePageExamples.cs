using System.Text.Json;
using ImnmDecision.Api.OpenApi;

namespace ImnmDecision.Api.CasePage;

/// <summary>The Swagger UI examples (<see cref="ExampleCatalog"/>) as one JSON array for the case page's one-click cases.</summary>
internal static class CasePageExamples
{
    private static readonly Lazy<byte[]> Written = new(Write);

    /// <summary><c>[{ name, summary, description, value }]</c> as UTF-8 JSON, in the catalogue's order.</summary>
    public static byte[] Json => Written.Value;

    private static byte[] Write()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
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

        return buffer.ToArray();
    }
}
