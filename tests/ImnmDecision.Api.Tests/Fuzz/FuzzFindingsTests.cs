using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// What the third fuzz round found in the findings, each pinned: a CK far below any normal range read as raised,
/// a negative zero written back as <c>-0</c>, a set that repeats a value (the contract says its items are unique)
/// taken without a word, and a Unicode direction override or line separator in a caseId carried into reports.
/// </summary>
public sealed partial class FuzzFindingsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("1e-300")]
    [InlineData("5e-324")]
    [InlineData("1e-13")]
    public async Task Assess_CkFarBelowAnyNormalRangeWithSexUnknown_IsNotRaised(string tiny)
    {
        var low = await AnswerAsync($$$"""{"ck":{"value":{{{tiny}}}},"antibodies":{"hmgcr":"positive"}}""");
        var one = await AnswerAsync("""{"ck":{"value":1},"antibodies":{"hmgcr":"positive"}}""");

        low["subtype"]!["code"]!.GetValue<string>().Should().Be(one["subtype"]!["code"]!.GetValue<string>(), "CK of {0} U/L is below either default ULN, as 1 U/L is", tiny);
        low["subtype"]!["certainty"]!.GetValue<string>().Should().Be(one["subtype"]!["certainty"]!.GetValue<string>());
        low.ToJsonString().Should().NotContain("\"ck.elevated\":true");
    }

    [Theory]
    [InlineData("""{"ck":{"value":-0,"upperLimitOfNormal":200},"patient":{"ageYears":-0,"sex":"female"}}""", """{"ck":{"value":0,"upperLimitOfNormal":200},"patient":{"ageYears":0,"sex":"female"}}""")]
    [InlineData("""{"statin":{"exposure":"past","stoppedWeeksAgo":-0.0},"clinical":{"symptomOnsetYearsAgo":-0e5}}""", """{"statin":{"exposure":"past","stoppedWeeksAgo":0},"clinical":{"symptomOnsetYearsAgo":0}}""")]
    [InlineData("""{"ck":{"value":1E+2},"patient":{"weightKg":0.8e2}}""", """{"ck":{"value":100},"patient":{"weightKg":80}}""")]
    public async Task Assess_NumberSpelledAnotherWay_AnswersTheSameBytes(string spelled, string plain)
    {
        var (odd, oddText) = await AnswerTextAsync(spelled);
        var (usual, usualText) = await AnswerTextAsync(plain);

        odd.Should().Be(HttpStatusCode.OK);
        usual.Should().Be(HttpStatusCode.OK);
        WithoutIds(oddText).Should().Be(WithoutIds(usualText));
        oddText.Should().NotContain(":-0");
    }

    [Theory]
    [InlineData("""{"antibodies":{"otherMyositisSpecific":["jo1","jo1"]},"ck":{"value":100}}""", "antibodies.otherMyositisSpecific[1]")]
    [InlineData("""{"antibodies":{"myositisAssociated":["ro52","ku","ro52"]},"ck":{"value":100}}""", "antibodies.myositisAssociated[2]")]
    public async Task Assess_SetRepeatingAValue_Is400NamingTheRepeat(string body, string path)
    {
        using var response = await client.PostAssessmentAsync(body);

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]![path]![0]!.GetValue<string>().Should().Contain("more than once");
    }

    [Theory]
    [InlineData("text/csv", "caseId,antibodies.otherMyositisSpecific,ck.value\na,jo1;jo1,100\nb,jo1,100\n")]
    [InlineData("application/x-ndjson", "{\"caseId\":\"a\",\"antibodies\":{\"otherMyositisSpecific\":[\"jo1\",\"jo1\"]},\"ck\":{\"value\":100}}\n{\"caseId\":\"b\",\"antibodies\":{\"otherMyositisSpecific\":[\"jo1\"]},\"ck\":{\"value\":100}}\n")]
    public async Task Batch_SetRepeatingAValue_IsAnErrorRowInEveryFormat(string mediaType, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments/batch") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Add("Accept", "application/x-ndjson");
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        rows.Should().HaveCount(3);
        rows[0]["error"]!.ToJsonString().Should().Contain("antibodies.otherMyositisSpecific").And.Contain("more than once");
        rows[1]["subtype"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("text/markdown")]
    [InlineData("text/html")]
    public async Task Report_CaseIdWithDirectionOverridesOrLineSeparators_ShowsThemAsSpaces(string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Json.AssessmentsPath)
        {
            Content = Json.Body("""{"caseId":"case\u202Eabc\u2066x\u2069\u2028y\u200Fz","ck":{"value":100}}"""),
        };
        request.Headers.Add("Accept", mediaType);
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await response.Content.ReadAsStringAsync();
        report.Should().Contain("case abc x  y z");
        foreach (var hidden in new[] { "\u202E", "\u2066", "\u2069", "\u2028", "\u200F", "&#x202E;", "&#x2066;", "&#x2069;", "&#x2028;", "&#x200F;" })
        {
            report.Should().NotContain(hidden);
        }
    }

    private async Task<JsonNode> AnswerAsync(string body)
    {
        var (status, text) = await AnswerTextAsync(body);
        status.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private async Task<(HttpStatusCode Status, string Text)> AnswerTextAsync(string body)
    {
        using var response = await client.PostAssessmentAsync(body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string WithoutIds(string answer) => AssessmentId().Replace(answer, string.Empty);

    [GeneratedRegex("\"assessmentId\":\"[^\"]*\"")]
    private static partial Regex AssessmentId();
}
