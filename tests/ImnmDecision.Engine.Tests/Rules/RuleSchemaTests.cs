using System.Text.Json.Nodes;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>
/// The editor schema in rules/schema must name exactly the engine's facts and operators. When a fact is added
/// to FactCatalog, add it to the "fact" enum of rules/schema/rule-file.schema.json by hand.
/// </summary>
public sealed class RuleSchemaTests
{
    private static JsonNode Leaf()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.RulesFolder, "schema", "rule-file.schema.json")))!;
        return schema["$defs"]!["condition"]!["oneOf"]!.AsArray().Single(n => n!["required"]!.AsArray().Any(r => r!.GetValue<string>() == "fact"))!;
    }

    [Fact]
    public void Schema_FactEnum_MatchesFactCatalog()
    {
        var facts = Leaf()["properties"]!["fact"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        facts.Should().BeEquivalentTo(FactCatalog.All.Select(f => f.Name));
    }

    [Fact]
    public void Schema_OperatorEnum_MatchesLeafOperators()
    {
        var ops = Leaf()["properties"]!["op"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        var names = JsonNames.Names<Engine.Rules.LeafOperator>().Select(n => string.Concat(n.Split('-').Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])));

        ops.Should().BeEquivalentTo(names);
    }
}
