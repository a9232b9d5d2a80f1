using FluentValidation;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Cases;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.Errors;

/// <summary>Bodies that do not fit the contract: 400 naming the JSON path, no echo, and the handler never runs.</summary>
public sealed class BindingErrorTests : IClassFixture<ApiFactory>, IDisposable
{
    private readonly CountingValidator validator = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory;
    private readonly HttpClient client;

    public BindingErrorTests(ApiFactory baseFactory)
    {
        factory = baseFactory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IValidator<Findings>>(validator)));
        client = factory.CreateClient();
    }

    [Theory]
    [InlineData("""{ "caseId": "ZQ-SENTINEL", "ck": { "value": } }""", "$", "well-formed JSON", "ZQ-SENTINEL")]
    [InlineData("""{ "ck": { "value": "ZQ-HIGH" } }""", "ck.value", "a number", "ZQ-HIGH")]
    [InlineData("""{ "clinical": { "dysphagia": "ZQ-YES" } }""", "clinical.dysphagia", "true or false", "ZQ-YES")]
    [InlineData("""{ "antibodies": { "hmgcr": "ZQ-MAYBE" } }""", "antibodies.hmgcr", "positive, negative, equivocal, not-tested", "ZQ-MAYBE")]
    [InlineData("""{ "clinical": { "dysphagia": true }, "clinical": { "rash": false } }""", "clinical", "appears more than once", "ZQ-NONE")]
    [InlineData("""{ "ck": { "value": 5000, "value": 50 } }""", "ck.value", "appears more than once", "5000")]
    [InlineData("""{ "CaseId": "ZQ-CASE" }""", "CaseId", "names are case-sensitive", "ZQ-CASE")]
    [InlineData("""{ "CK": { "Value": 987654321 } }""", "CK", "names are case-sensitive", "987654321")]
    [InlineData("""{ "ck": { "Value": 987654321 } }""", "ck.Value", "names are case-sensitive", "987654321")]
    [InlineData("""{ "caseId": "\ud800ZQ-SURROGATE" }""", "caseId", "lone surrogate", "ZQ-SURROGATE")]
    [InlineData("""{ "ZQ secret name": 1 }""", "$", "direct identifier", "ZQ secret")]
    [InlineData("""{ "patient": { "sex": 987654321 } }""", "patient.sex", "male, female, other, unknown", "987654321")]
    [InlineData("""{ "ck": { "value": 100, "unit": "ZQ-MMOL" } }""", "ck.unit", "U/L, ukat/L", "ZQ-MMOL")]
    [InlineData("""{ "antibodies": { "otherMyositisSpecific": ["ZQ-JO"] } }""", "antibodies.otherMyositisSpecific[0]", "jo1", "ZQ-JO")]
    [InlineData("""{ "antibodys": { "hmgcr": "ZQ-X" } }""", "antibodys", "is not a property of the findings", "ZQ-X")]
    [InlineData("""{ "ck": { "value": 5000, "valu": 987654321 } }""", "ck.valu", "is not a property of the findings", "987654321")]
    [InlineData("""[ { "caseId": "ZQ-ARRAY" } ]""", "$", "JSON object", "ZQ-ARRAY")]
    public async Task Assess_BodyDoesNotFitTheContract_Answers400NamingThePathWithoutEcho(string body, string path, string messagePart, string sentinel)
    {
        var response = await client.PostAssessmentAsync(body);

        var problem = await response.ReadProblemAsync(400);
        var errors = problem["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Equal(path);
        errors[path]![0]!.GetValue<string>().Should().Contain(messagePart);
        problem.ToJsonString().Should().NotContain(sentinel);
        response.RulesetHeader().Should().NotBeNullOrEmpty();
        validator.Calls.Should().Be(0, "the handler must not run after a binding failure");
    }

    [Fact]
    public async Task Assess_150000BadArrayItems_ListsTheFirst50PathsAndCountsTheRest()
    {
        var body = """{ "antibodies": { "otherMyositisSpecific": [""" + string.Join(',', Enumerable.Repeat("\"ZQ\"", 150_000)) + "] } }";

        var response = await client.PostAssessmentAsync(body);

        var text = await response.Content.ReadAsStringAsync();
        text.Length.Should().BeLessThan(20_000, "an error answer must not be an amplified copy of the body");
        var problem = await response.ReadProblemAsync(400);
        var errors = problem["errors"]!.AsObject();
        errors.Should().HaveCount(51);
        errors["$"]![0]!.GetValue<string>().Should().Be("149950 more fields have errors that are not listed here.");
        text.Should().NotContain("ZQ");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Assess_NoCase_Answers400WithoutRunningTheHandler(string body)
    {
        var response = await client.PostAssessmentAsync(body);

        await response.ReadProblemAsync(400);
        validator.Calls.Should().Be(0);
    }

    [Fact]
    public async Task Assess_ValidBody_RunsTheHandler()
    {
        var response = await client.PostAssessmentAsync(Cases.HmgcrStatinExposed);

        response.EnsureSuccessStatusCode();
        validator.Calls.Should().Be(1, "the counting validator must see a valid request, or the other tests prove nothing");
    }

    public void Dispose()
    {
        client.Dispose();
        factory.Dispose();
    }
}
