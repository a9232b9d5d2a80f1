using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// One field of <c>Findings</c> as the committed OpenAPI document (openapi/v1.json) declares it: its JSON path,
/// type, spellings, bounds and length. The fuzzers generate from this, not from the code they test.
/// </summary>
internal sealed record ContractField(string Path, string Type, string[] Spellings, double? Minimum, bool ExclusiveMinimum, double? Maximum, int? MaxLength)
{
    private static readonly Lazy<ContractField[]> Loaded = new(Load);

    /// <summary>Every leaf field of <c>Findings</c>, in the document's order.</summary>
    public static IReadOnlyList<ContractField> All => Loaded.Value;

    /// <summary>The section a field is in (<c>ck</c> for <c>ck.value</c>), or null for <c>caseId</c>.</summary>
    public string? Section => Path.Contains('.', StringComparison.Ordinal) ? Path[..Path.IndexOf('.', StringComparison.Ordinal)] : null;

    private static ContractField[] Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var fields = new List<ContractField>();
        Walk(schemas, "Findings", string.Empty, fields);
        return [.. fields];
    }

    private static void Walk(JsonObject schemas, string schema, string prefix, List<ContractField> fields)
    {
        foreach (var (name, node) in schemas[schema]!["properties"]!.AsObject())
        {
            var property = node!.AsObject();
            var reference = property["$ref"]?.GetValue<string>() ?? property["allOf"]?[0]?["$ref"]?.GetValue<string>();
            if (reference is not null)
            {
                Walk(schemas, reference[(reference.LastIndexOf('/') + 1)..], prefix + name + ".", fields);
                continue;
            }

            var type = property["type"]!.GetValue<string>();
            var spellings = (type == "array" ? property["items"]!["enum"] : property["enum"])?.AsArray().Select(s => s!.GetValue<string>()).ToArray() ?? [];
            fields.Add(new ContractField(
                prefix + name,
                type,
                spellings,
                property["minimum"]?.GetValue<double>(),
                property["exclusiveMinimum"]?.GetValue<bool>() == true,
                property["maximum"]?.GetValue<double>(),
                property["maxLength"]?.GetValue<int>()));
        }
    }
}
