using System.Net;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Endpoints;

public sealed class AssessmentEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Assess_HmgcrPositiveOnStatin_AnswersCitedAssessment()
    {
        var response = await client.PostAssessmentAsync(Cases.HmgcrStatinExposed);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.MediaType()!.MediaType.Should().Be("application/json");
        var assessment = (await response.ReadJsonAsync()).AsObject();
        Guid.TryParse(assessment["assessmentId"]!.GetValue<string>(), out _).Should().BeTrue();
        assessment["caseId"]!.GetValue<string>().Should().Be("case-17");
        assessment["ruleset"]!["id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        assessment["ruleset"]!["sha256"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");

        var subtype = assessment["subtype"]!;
        subtype["code"]!.GetValue<string>().Should().Be("anti-hmgcr-statin-exposed");
        subtype["certainty"]!.GetValue<string>().Should().Be("meets-criteria");
        subtype["label"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        subtype["because"]!.AsArray().Should().NotBeEmpty();
        subtype["because"]![0]!["ruleId"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();

        assessment["alerts"]!.AsArray().Should().BeEmpty();
        assessment["workup"]!.AsArray().Should().NotBeEmpty();
        assessment["treatment"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).Should().Contain(["stop-statin", "prednisone"]);
        assessment["missing"].Should().NotBeNull();
        assessment["citations"]!.AsArray().Should().NotBeEmpty();
        assessment["citations"]![0]!["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        assessment["disclaimer"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Assess_TwoCasesInTurn_HaveTimeOrderedVersion7Ids()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var response = await client.PostAssessmentAsync(Cases.HmgcrStatinExposed);
            ids.Add(Guid.Parse((await response.ReadJsonAsync())["assessmentId"]!.GetValue<string>()));
            await Task.Delay(5); // a later millisecond: v7 orders by the millisecond, not within it
        }

        ids.Should().AllSatisfy(id => id.Version.Should().Be(7), "the audit store's index on the id takes time-ordered ids at its end");
        string.CompareOrdinal(ids[1].ToString(), ids[0].ToString()).Should().BePositive("a later assessment has a later id");
    }

    [Fact]
    public async Task Assess_AnyCase_SendsTheRulesetTagInTheHeaderAndTheBody()
    {
        var response = await client.PostAssessmentAsync(Cases.HmgcrStatinExposed);

        var ruleset = (await response.ReadJsonAsync())["ruleset"]!;
        response.RulesetHeader().Should().Be(ruleset["tag"]!.GetValue<string>())
            .And.Be($"{ruleset["id"]}@{ruleset["version"]}+{ruleset["sha256"]!.GetValue<string>()[..12]}");
    }

    [Fact]
    public async Task Assess_EnumValues_AreKebabCaseStrings()
    {
        var response = await client.PostAssessmentAsync("""{ "antibodies": { "hmgcr": "not-tested" }, "ck": { "value": 60, "unit": "ukat/L" } }""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var assessment = await response.ReadJsonAsync();
        assessment["subtype"]!["code"]!.GetValue<string>().Should().Be("insufficient-data");
        assessment["workup"]!.AsArray().Select(w => w!["id"]!.GetValue<string>()).Should().Contain("myositis-antibodies");
        assessment["subtype"]!["certainty"]!.GetValue<string>().Should().Be("not-applicable");
    }
}
