using System.Text.Json.Nodes;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>
/// The editor schema in rules/schema must name exactly the engine's facts and operators. When a fact is added
/// (a finding added to FindingsSchema, or a derived fact), regenerate the "fact" enum of
/// rules/schema/rule-file.schema.json: <c>UPDATE_RULE_SCHEMA=1 dotnet test tests/ImnmDecision.Engine.Tests --filter RuleSchema</c>.
/// </summary>
public sealed class RuleSchemaTests
{
    private static string SchemaPath => Path.Combine(Repository.RulesFolder, "schema", "rule-file.schema.json");

    private static JsonNode Leaf(JsonNode schema) =>
        schema["$defs"]!["condition"]!["oneOf"]!.AsArray().Single(n => n!["required"]!.AsArray().Any(r => r!.GetValue<string>() == "fact"))!;

    private static JsonNode Leaf() => Leaf(JsonNode.Parse(File.ReadAllText(SchemaPath))!);

    [Fact]
    public void Schema_FactEnum_MatchesFactCatalog()
    {
        if (Environment.GetEnvironmentVariable("UPDATE_RULE_SCHEMA") == "1")
        {
            var schema = JsonNode.Parse(File.ReadAllText(SchemaPath))!;
            Leaf(schema)["properties"]!["fact"]!["enum"] = new JsonArray([.. FactCatalog.All.Select(f => (JsonNode)JsonValue.Create(f.Name))]);
            File.WriteAllText(SchemaPath, schema.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var facts = Leaf()["properties"]!["fact"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        facts.Should().Equal(FactCatalog.All.Select(f => f.Name));
    }

    [Fact]
    public void Schema_OperatorEnum_MatchesLeafOperators()
    {
        var ops = Leaf()["properties"]!["op"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        var names = JsonNames.Names<Engine.Rules.LeafOperator>().Select(n => string.Concat(n.Split('-').Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])));

        ops.Should().BeEquivalentTo(names);
    }
}
