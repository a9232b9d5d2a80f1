using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>
/// Issue 16, item 5: every door reads input the same way. Enum values are spelled exactly as the contract spells
/// them ("Positive" is refused naming the allowed values, in JSON, NDJSON and CSV), and a CSV quote left open does
/// not swallow the rows after it silently.
/// </summary>
public sealed class OneReadingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<JsonNode[]> BatchAsync(string body, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments/batch") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Add("Accept", "application/x-ndjson");
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return [.. (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];
    }

    [Theory]
    [InlineData("Positive")]
    [InlineData("NEGATIVE")]
    public async Task Assess_EnumInAnotherCase_Is400NamingTheAllowedValues(string spelling)
    {
        var response = await client.PostAssessmentAsync($$"""{ "antibodies": { "hmgcr": "{{spelling}}" }, "ck": { "value": 5000 } }""");

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!["antibodies.hmgcr"]![0]!.GetValue<string>().Should().Contain("positive, negative, equivocal, not-tested");
    }

    [Theory]
    [InlineData("application/x-ndjson", "{\"caseId\":\"a\",\"antibodies\":{\"hmgcr\":\"Positive\"},\"ck\":{\"value\":5000}}\n{\"caseId\":\"b\",\"antibodies\":{\"hmgcr\":\"positive\"},\"ck\":{\"value\":5000}}\n")]
    [InlineData("text/csv", "caseId,antibodies.hmgcr,ck.value\na,Positive,5000\nb,positive,5000\n")]
    [InlineData("application/json", "[{\"caseId\":\"a\",\"antibodies\":{\"hmgcr\":\"Positive\"},\"ck\":{\"value\":5000}},{\"caseId\":\"b\",\"antibodies\":{\"hmgcr\":\"positive\"},\"ck\":{\"value\":5000}}]")]
    public async Task Batch_EnumInAnotherCase_IsAnErrorRowInEveryFormat(string mediaType, string body)
    {
        var rows = await BatchAsync(body, mediaType);

        rows.Should().HaveCount(3);
        rows[0]["error"]!["errors"]!["antibodies.hmgcr"]![0]!.GetValue<string>().Should().Contain("positive, negative, equivocal, not-tested");
        rows[1]["subtype"].Should().NotBeNull("the next row is read and scored");
        rows[2]["summary"]!["failed"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Batch_CsvQuoteLeftOpen_IsNotSwallowedSilently()
    {
        var rows = await BatchAsync("caseId,ck.value,antibodies.hmgcr\nq1,5000,positive\n\"q2,5000,positive\nq3,5000,positive\nq4,5000,positive\n", "text/csv");

        var summary = rows[^1]["summary"]!;
        (summary["failed"]!.GetValue<int>() + (summary["aborted"]?.GetValue<bool>() == true ? 1 : 0)).Should().BeGreaterThan(0,
            "a quote left open is reported, as an error row or an aborted batch, never read as one long cell without a word");
        rows.Take(rows.Length - 1).Should().Contain(r => r["caseId"] != null && r["caseId"]!.GetValue<string>() == "q1" && r["subtype"] != null);
    }
}
