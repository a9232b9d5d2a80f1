using System.Text.Json.Nodes;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>Each kind of ruleset defect is reported with its file, JSON path and a message that says what is wrong.</summary>
public sealed class RulesetLoaderTests
{
    private static RulesetError SingleError(Action<RulesCopy> breakIt)
    {
        using var rules = new RulesCopy();
        breakIt(rules);
        var errors = rules.Check();
        errors.Should().ContainSingle($"one defect was introduced, found: {string.Join(" | ", errors)}");
        return errors[0];
    }

    [Fact]
    public void Load_RealRules_IsValidWithIdentity()
    {
        var (ruleset, errors) = RulesetLoader.Check(Repository.RulesFolder);

        errors.Should().BeEmpty();
        ruleset!.Identity.Id.Should().Be("imnm-core");
        ruleset.Identity.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        ruleset.Identity.Tag.Should().Be($"imnm-core@{ruleset.Identity.Version}+{ruleset.Identity.Sha256[..12]}");
        ruleset.Rules.Should().OnlyContain(r => r.Citations.Count > 0 && r.Rationale.Length > 0);
    }

    [Fact]
    public void Load_SameFilesTwice_GivesTheSameSha256()
    {
        using var copy = new RulesCopy();

        RulesetLoader.Load(copy.Folder).Identity.Sha256.Should().Be(RealRuleset.Ruleset.Identity.Sha256);
    }

    [Fact]
    public void Load_AnyByteChanged_ChangesSha256()
    {
        using var copy = new RulesCopy();
        copy.Edit("alerts.json", root => RulesCopy.FirstRule(root)["rationale"] = "Changed wording.");

        RulesetLoader.Load(copy.Folder).Identity.Sha256.Should().NotBe(RealRuleset.Ruleset.Identity.Sha256);
    }

    [Fact]
    public void Load_UnknownProperty_IsReportedWithPath()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["severity"] = "critical"));

        error.File.Should().Be("alerts.json");
        error.Path.Should().Be("$.rules[0].severity");
        error.Message.Should().StartWith("unknown property 'severity'");
    }

    [Fact]
    public void Load_UnknownFact_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["when"]!["fact"] = "clinical.dysphagya"));

        error.Path.Should().Be("$.rules[0].when.fact");
        error.Message.Should().Be("unknown fact 'clinical.dysphagya'");
    }

    [Fact]
    public void Load_UnknownOperator_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["when"]!["op"] = "equals"));

        error.Path.Should().Be("$.rules[0].when.op");
        error.Message.Should().StartWith("unknown operator 'equals' (allowed: eq, ne, gt, gte");
    }

    [Fact]
    public void Load_OperatorThatDoesNotFitTheFact_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["when"]!["op"] = "gte"));

        error.Message.Should().Be("operator 'gte' does not apply to boolean fact 'clinical.respiratoryWeakness'");
    }

    [Fact]
    public void Load_UnknownKind_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["kind"] = "warning"));

        error.Path.Should().Be("$.rules[0].kind");
        error.Message.Should().StartWith("unknown kind 'warning' (allowed: subtype, certainty, alert, treatment, workup)");
    }

    [Fact]
    public void Load_UnknownCitationId_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["citations"]![0] = "enmc-2099"));

        error.Path.Should().Be("$.rules[0].citations[0]");
        error.Message.Should().Be("unknown citation id 'enmc-2099' (not in citations.json)");
    }

    [Fact]
    public void Load_TypeMismatch_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["when"]!["value"] = "yes"));

        error.Path.Should().Be("$.rules[0].when.value");
        error.Message.Should().Be("type mismatch: 'clinical.respiratoryWeakness' is a boolean fact, so 'eq' needs true or false, found a string");
    }

    [Fact]
    public void Load_ValueNotInTheFactsValues_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => root["rules"]![3]!["when"]!["all"]![0]!["value"] = "sudden"));

        error.Message.Should().Be("'sudden' is not a value of 'clinical.onset' (allowed: acute, subacute, chronic)");
    }

    [Fact]
    public void Load_DuplicateRuleId_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => root["rules"]![1]!["id"] = RulesCopy.FirstRule(root)["id"]!.GetValue<string>()));

        error.Message.Should().Be("duplicate rule id 'alert.respiratory-weakness' (also in alerts.json)");
    }

    [Fact]
    public void Load_RuleWithoutCitations_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root)["citations"] = new JsonArray()));

        error.Path.Should().Be("$.rules[0].citations");
        error.Message.Should().Be("at least one citation is required");
    }

    [Fact]
    public void Load_RuleWithoutRationale_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => RulesCopy.FirstRule(root).Remove("rationale")));

        error.Path.Should().Be("$.rules[0]");
        error.Message.Should().Be("missing required property 'rationale'");
    }

    [Fact]
    public void Load_UnknownParameter_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => root["rules"]![4]!["when"]!["param"] = "ck.veryHigh"));

        error.Path.Should().Be("$.rules[4].when.param");
        error.Message.Should().Be("unknown parameter 'ck.veryHigh'");
    }

    [Fact]
    public void Load_UnknownNamedCondition_IsReported()
    {
        var error = SingleError(r => r.Edit("treatment.json", root => root["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "treatment.prednisone")!["when"]!["ref"] = "treatable"));

        error.Message.Should().StartWith("unknown named condition 'treatable'");
    }

    [Fact]
    public void Load_InvalidJson_IsReportedWithLine()
    {
        var error = SingleError(r => r.Write("alerts.json", "{\n  \"rules\": [\n    {,\n  ]\n}"));

        error.File.Should().Be("alerts.json");
        error.Message.Should().StartWith("invalid JSON at line 3");
    }

    [Fact]
    public void Load_RuleFileNotListed_IsReported()
    {
        var error = SingleError(r => r.Write("extra.json", "{ \"rules\": [] }"));

        error.File.Should().Be("extra.json");
        error.Message.Should().Contain("not listed in ruleset.json ruleFiles");
    }

    [Fact]
    public void Load_ListedFileMissing_IsReported()
    {
        var error = SingleError(r => File.Delete(Path.Combine(r.Folder, "alerts.json")));

        error.File.Should().Be("alerts.json");
        error.Message.Should().Be("file not found");
    }

    [Fact]
    public void Load_RuleReadingALaterDecision_IsReported()
    {
        var error = SingleError(r => r.Edit("subtype.json", root => RulesCopy.FirstRule(root)["when"] =
            JsonNode.Parse("""{ "fact": "treatment.offered", "op": "contains", "value": "ivig" }""")));

        error.Message.Should().Be("rule 'subtype.alternative.checkpoint-inhibitor' reads 'treatment.offered' before it is decided (subtype rules run before it is complete)");
    }

    [Fact]
    public void Load_LastSubtypeRuleNotUnconditional_IsReported()
    {
        var error = SingleError(r => r.Edit("subtype.json", root =>
        {
            var rules = root["rules"]!.AsArray();
            rules[^1]!["when"] = JsonNode.Parse("""{ "fact": "ck.elevated", "op": "eq", "value": false }""");
        }));

        error.Message.Should().StartWith("the last subtype rule ('subtype.not-supported.otherwise') must always hold");
    }

    [Fact]
    public void Load_UnknownPlaceholderInText_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root => root["rules"]![4]!["then"]!["message"] = "CK above {ck.nope}x ULN."));

        error.Message.Should().Be("unknown parameter 'ck.nope' in text");
    }

    [Theory]
    [InlineData("workup.no-such-rule")]
    [InlineData("alert.dysphagia")]
    public void Load_SummaryFirstStepThatIsNoWorkupOrTreatmentRule_IsReported(string id)
    {
        var error = SingleError(r => r.Edit("ruleset.json", root => root["summary"]!["firstSteps"]!.AsArray().Add(id)));

        error.Path.Should().Be("$.summary.firstSteps");
        error.Message.Should().Be($"'{id}' is no workup or treatment rule");
    }

    [Fact]
    public void Load_MissingReasonForAnInputField_IsReported()
    {
        var error = SingleError(r => r.Edit("ruleset.json", root => root["missing"]!.AsObject().Remove("antibodies.srp")));

        error.Message.Should().Be("missing reason for input field 'antibodies.srp'");
    }

    [Fact]
    public void Load_DefectiveRuleset_ThrowsWithEveryDefect()
    {
        using var rules = new RulesCopy();
        rules.Edit("alerts.json", root =>
        {
            RulesCopy.FirstRule(root)["kind"] = "warning";
            root["rules"]![1]!["when"]!["fact"] = "nope";
        });

        var load = () => RulesetLoader.Load(rules.Folder);

        load.Should().Throw<RulesetLoadException>().Which.Errors.Should().HaveCount(2);
    }
}
