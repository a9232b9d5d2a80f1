using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// Every named example a clinician can pick in Swagger UI is sent to the endpoint as served in the document, and
/// must be accepted and give the subtype that /work/shared/clinical/decision-table.md says it should.
/// </summary>
public sealed class SwaggerExampleRoundTripTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Each example's intended subtype, from the decision table (the row that decides it is named).</summary>
    public static readonly IReadOnlyDictionary<string, string> ExpectedSubtype = new Dictionary<string, string>
    {
        ["anti-hmgcr-statin-exposed"] = "anti-hmgcr-statin-exposed", // row 5, statin current
        ["anti-hmgcr-statin-naive"] = "anti-hmgcr-statin-naive", // row 5, statin never
        ["anti-hmgcr"] = "anti-hmgcr", // row 5, statin exposure absent
        ["anti-srp"] = "anti-srp", // row 6
        ["seronegative"] = "seronegative", // row 8: both negative, necrotizing biopsy, statin never (not row 7)
        ["conflicting-serology"] = "conflicting-serology", // row 1
        ["alternative-diagnosis-likely"] = "alternative-diagnosis-likely", // row 2: anti-Jo-1
        ["not-supported"] = "not-supported", // row 4: CK below ULN, no weakness
        ["insufficient-data"] = "insufficient-data", // row 9: both negative, no biopsy
        ["red-flags"] = "anti-srp", // row 6, with dysphagia, respiratory weakness, acute severe onset
        ["pregnant"] = "anti-hmgcr-statin-naive", // row 5, statin never
        ["ck-in-ukat"] = "anti-hmgcr-statin-exposed", // row 5, statin past; 120 / 3.3 ukat/L = 36x ULN
        ["nearly-empty"] = "insufficient-data", // row 10: antibodies absent
        ["checkpoint-inhibitor"] = "alternative-diagnosis-likely", // row 1a (2027.1): checkpoint inhibitor with raised CK
        ["classification-dermatomyositis"] = "alternative-diagnosis-likely", // row 2: anti-TIF1-gamma
        ["classification-anti-jo1"] = "alternative-diagnosis-likely", // row 2: anti-Jo-1
        ["classification-imnm"] = "anti-hmgcr-statin-exposed", // row 5, statin current
    };

    /// <summary>
    /// The classification examples' 2017 EULAR/ACR answer, worked out by hand from rules/classification.json: the score,
    /// the category, the subgroup and whether the answer says the classification and the subtype point different ways.
    /// </summary>
    public static TheoryData<string, double, string, string, bool> ExpectedClassification() => new()
    {
        { "classification-dermatomyositis", 10.1, "definite", "dermatomyositis", false }, // 2.1 + 3.1 + 2.1 + 0.7 + 0.8 + 1.3
        { "classification-anti-jo1", 8.8, "definite", "not-reached", false }, // 2.1 + 3.9 + 0.7 + 0.8 + 1.3; no skin sign, no biopsy
        { "classification-imnm", 6.4, "not-iim", "not-reached", true }, // with biopsy: 2.2 + 0.7 + 0.5 + 1.6 + 1.4 (47.75%)
    };

    [Theory]
    [MemberData(nameof(ExpectedClassification))]
    public async Task Assess_ClassificationExample_GivesItsScoreCategorySubgroupAndComparison(string name, double score, string category, string subgroup, bool comparison)
    {
        var classification = (await AssessExampleAsync(name))["classification"]!["eularAcr2017"]!;

        classification["score"]!.GetValue<double>().Should().BeApproximately(score, 1e-9);
        classification["category"]!.GetValue<string>().Should().Be(category);
        classification["subgroup"]!["code"]!.GetValue<string>().Should().Be(subgroup);
        (classification["comparison"] is not null).Should().Be(comparison);
    }

    private readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string> ExampleNames() => [.. ExpectedSubtype.Keys];

    [Fact]
    public async Task Document_RequestExamples_AreExactlyTheOnesWithAnExpectedSubtype()
    {
        var examples = await ServedExamplesAsync();

        examples.Select(e => e.Key).Should().BeEquivalentTo(ExpectedSubtype.Keys, "every example needs its expected subtype here");
        foreach (var (name, example) in examples)
        {
            example!["summary"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(name);
            example["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(name);
        }
    }

    [Fact]
    public void ExpectedSubtypes_CoverEverySubtypeCode()
    {
        ExpectedSubtype.Values.Distinct().Should().BeEquivalentTo(JsonNames.Names<SubtypeCode>());
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public async Task Assess_SwaggerExample_IsAcceptedAndGivesItsIntendedSubtype(string name)
    {
        var value = (await ServedExamplesAsync())[name]!["value"]!;

        var response = await client.PostAssessmentAsync(value.ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var assessment = await response.ReadJsonAsync();
        assessment["subtype"]!["code"]!.GetValue<string>().Should().Be(ExpectedSubtype[name]);
    }

    [Fact]
    public async Task Assess_RedFlagExample_RaisesTheCriticalAlerts()
    {
        var assessment = await AssessExampleAsync("red-flags");

        var alerts = assessment["alerts"]!.AsArray().Select(a => (Id: a!["id"]!.GetValue<string>(), Severity: a["severity"]!.GetValue<string>())).ToArray();
        alerts.Should().Contain([("dysphagia", "critical"), ("respiratory-weakness", "critical"), ("rapid-progression", "warning")]);
    }

    [Fact]
    public async Task Assess_PregnantExample_MarksMethotrexateAndMycophenolateToAvoid()
    {
        var assessment = await AssessExampleAsync("pregnant");

        var avoided = assessment["treatment"]!.AsArray().Where(t => t!["avoid"]?.GetValue<bool>() == true).Select(t => t!["id"]!.GetValue<string>());
        avoided.Should().Contain(["methotrexate", "mycophenolate"]);
    }

    [Fact]
    public async Task Document_CkInUkatExample_SendsUkat()
    {
        var examples = await ServedExamplesAsync();

        examples["ck-in-ukat"]!["value"]!["ck"]!["unit"]!.GetValue<string>().Should().Be("ukat/L");
        examples["nearly-empty"]!["value"]!.AsObject().Should().HaveCount(1, "the nearly empty example holds one section");
    }

    private async Task<JsonNode> AssessExampleAsync(string name)
    {
        var value = (await ServedExamplesAsync())[name]!["value"]!;
        var response = await client.PostAssessmentAsync(value.ToJsonString());
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    private async Task<JsonObject> ServedExamplesAsync()
    {
        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");
        return document["paths"]!["/api/v1/assessments"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
    }
}
