using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Endpoints;

public sealed class RuleEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task ListRules_Loaded_AnswersEveryRuleReadableWithResolvedCitations()
    {
        var response = await client.GetAsync(new Uri("/api/v1/rules", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RulesetHeader().Should().NotBeNullOrEmpty();
        var rules = (await response.ReadJsonAsync()).AsArray();
        var ruleset = await client.GetFromJsonNodeAsync("/api/v1/ruleset");
        rules.Should().HaveCount(ruleset["ruleCount"]!.GetValue<int>());
        foreach (var rule in rules.Select(r => r!.AsObject()))
        {
            ShouldBeReadableRule(rule);
        }
    }

    [Fact]
    public async Task GetRule_IdFromAnAssessment_AnswersThatRule()
    {
        var assessment = await (await client.PostAssessmentAsync(Cases.HmgcrStatinExposed)).ReadJsonAsync();
        var ruleId = assessment["subtype"]!["because"]![0]!["ruleId"]!.GetValue<string>();

        var response = await client.GetAsync(new Uri($"/api/v1/rules/{Uri.EscapeDataString(ruleId)}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rule = (await response.ReadJsonAsync()).AsObject();
        rule["id"]!.GetValue<string>().Should().Be(ruleId);
        rule["kind"]!.GetValue<string>().Should().Be("subtype");
        rule["when"]!.GetValue<string>().Should().Contain("antibodies.hmgcr");
        ShouldBeReadableRule(rule);
    }

    [Fact]
    public async Task GetRule_UnknownId_Answers404Problem()
    {
        var response = await client.GetAsync(new Uri("/api/v1/rules/no.such.rule", UriKind.Relative));

        var problem = await response.ReadProblemAsync(404);
        problem["detail"]!.GetValue<string>().Should().NotContain("no.such.rule");
        response.RulesetHeader().Should().NotBeNullOrEmpty();
    }

    private static void ShouldBeReadableRule(JsonObject rule)
    {
        rule["id"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        rule["kind"]!.GetValue<string>().Should().BeOneOf("subtype", "certainty", "alert", "treatment", "workup");
        rule["file"]!.GetValue<string>().Should().EndWith(".json");
        rule["when"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        rule["condition"].Should().BeOfType<JsonObject>();
        rule["then"].Should().BeOfType<JsonObject>();
        rule["rationale"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        var citations = rule["citations"]!.AsArray();
        citations.Should().NotBeEmpty();
        foreach (var citation in citations)
        {
            citation!["id"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            citation["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            citation["kind"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        }
    }
}
