using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// The descriptions in openapi/v1.json speak the contract's language: a reference in an XML comment to a .NET member
/// (<c>&lt;see cref="..."/&gt;</c>) reaches the document as its full .NET name, which no client can use; the JSON
/// name (<c>&lt;c&gt;abortReason&lt;/c&gt;</c>) belongs there instead.
/// </summary>
public sealed class DocumentDescriptionTests
{
    [Fact]
    public void NoDescription_NamesADotNetMember()
    {
        var leaks = new List<string>();
        Collect(OpenApiContract.Committed.Document, "$", leaks);

        leaks.Should().BeEmpty();
    }

    private static void Collect(JsonNode? node, string path, List<string> leaks)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (name, value) in members)
                {
                    if (name is "description" or "summary" && value is JsonValue text && text.GetValue<string>().Contains("ImnmDecision.", StringComparison.Ordinal))
                    {
                        leaks.Add($"{path}.{name}: {text.GetValue<string>()}");
                    }

                    Collect(value, $"{path}.{name}", leaks);
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    Collect(items[i], $"{path}[{i}]", leaks);
                }

                break;
        }
    }
}
