using System.Text.Json.Nodes;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>Defects in rules/stratifications.json and in workup rules that use it are reported with file and path.</summary>
public sealed class StratificationLoaderTests
{
    private static JsonObject Imacs(JsonNode root) => root["stratifications"]![0]!.AsObject();

    private static string SingleError(Action<RulesCopy> breakIt)
    {
        using var rules = new RulesCopy();
        breakIt(rules);
        var errors = rules.Check();
        errors.Should().ContainSingle($"one defect was introduced, found: {string.Join(" | ", errors)}");
        return $"{errors[0].File} {errors[0].Path}: {errors[0].Message}";
    }

    [Fact]
    public void Load_LastCategoryWithRequirements_IsRefused()
    {
        var error = SingleError(r => r.Edit("stratifications.json", root =>
            Imacs(root)["categories"]![2]!.AsObject()["requirements"] = JsonNode.Parse("""[{ "low": 1 }]""")));

        error.Should().Contain("stratifications.json").And.Contain("the last category must have no 'requirements'");
    }

    [Fact]
    public void Load_FactorWithUnknownTier_IsRefused()
    {
        var error = SingleError(r => r.Edit("stratifications.json", root => Imacs(root)["factors"]![0]!["tier"] = "very-high"));

        error.Should().Contain("$.stratifications[0].factors[0].tier").And.Contain("unknown tier 'very-high'");
    }

    [Fact]
    public void Load_RequirementOfZero_IsRefused()
    {
        var error = SingleError(r => r.Edit("stratifications.json", root =>
            Imacs(root)["categories"]![0]!["requirements"] = JsonNode.Parse("""[{ "high": 0 }]""")));

        error.Should().Contain("a minimum count must be a whole number");
    }

    [Fact]
    public void Load_FactorWithUnknownFact_IsRefused()
    {
        var error = SingleError(r => r.Edit("stratifications.json", root =>
            Imacs(root)["factors"]![1]!["when"] = JsonNode.Parse("""{ "fact": "clinical.swallowing", "op": "eq", "value": true }""")));

        error.Should().Contain("clinical.swallowing");
    }

    [Fact]
    public void Load_WorkupRuleNamingAnUnknownStratification_IsRefused()
    {
        var error = SingleError(r => r.Edit("workup.json", root =>
            root["rules"]!.AsArray().Single(x => x!["id"]!.GetValue<string>() == "workup.cancer-screening.imacs")!["then"]!["stratification"] = "imacs-2099"));

        error.Should().Contain("unknown stratification 'imacs-2099'");
    }

    [Fact]
    public void Load_WithholdingRuleWithAPriority_IsRefused()
    {
        var error = SingleError(r => r.Edit("workup.json", root =>
            root["rules"]!.AsArray().Single(x => x!["id"]!.GetValue<string>() == "workup.cancer-screening.not-for-children")!["then"]!["priority"] = "consider"));

        error.Should().Contain("a rule that withholds an item lists nothing");
    }

    [Fact]
    public void Load_StratificationsFile_IsPartOfTheIdentity()
    {
        using var copy = new RulesCopy();
        copy.Edit("stratifications.json", root => Imacs(root)["title"] = "Changed title.");

        Engine.Rules.RulesetLoader.Load(copy.Folder).Identity.Sha256.Should().NotBe(RealRuleset.Ruleset.Identity.Sha256);
    }
}
