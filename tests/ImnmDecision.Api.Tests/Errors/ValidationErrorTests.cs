using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Errors;

public sealed class ValidationErrorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("{}", "$")]
    [InlineData("""{ "patient": { "ageYears": 130.5 } }""", "patient.ageYears")]
    [InlineData("""{ "patient": { "sex": "male", "pregnant": true } }""", "patient.pregnant")]
    [InlineData("""{ "patient": { "weightKg": 0.4 } }""", "patient.weightKg")]
    [InlineData("""{ "ck": { "value": -4.25 } }""", "ck.value")]
    [InlineData("""{ "ck": { "value": 900, "upperLimitOfNormal": 0 } }""", "ck.upperLimitOfNormal")]
    [InlineData("""{ "biopsy": { "performed": false, "pattern": "necrotizing" } }""", "biopsy.performed")]
    public async Task Assess_FindingsBreakAFieldRule_Answers400WithErrorsKeyedByPath(string body, string path)
    {
        var response = await client.PostAssessmentAsync(body);

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(path);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("130.5").And.NotContain("-4.25").And.NotContain("0.4");
        response.RulesetHeader().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Assess_CaseIdTooLong_Answers400OnCaseIdWithoutEchoingIt()
    {
        var caseId = "ID-" + new string('7', 70);

        var response = await client.PostAssessmentAsync($$"""{ "caseId": "{{caseId}}", "ck": { "value": 5000 } }""");

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("caseId");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(caseId);
    }
}
