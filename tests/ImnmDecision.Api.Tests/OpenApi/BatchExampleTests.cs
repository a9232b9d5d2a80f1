using System.Net;
using System.Text;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// The batch operation's named examples in Swagger UI (CSV, CSV with a bad row, NDJSON, JSON) are sent as served in
/// the document: each is scored, every case gives a row, and only the bad row is an error row.
/// </summary>
public sealed class BatchExampleTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Each example: its media type, the rows it holds and how many are error rows.</summary>
    public static readonly TheoryData<string, string, int, int> Expected = new()
    {
        { "csv-cohort", "text/csv", 4, 0 },
        { "csv-with-a-bad-row", "text/csv", 3, 1 },
        { "ndjson-stream", "application/x-ndjson", 3, 0 },
        { "json-array", "application/json", 3, 0 },
    };

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Document_BatchExamples_AreNamedPerFormatAndReplaceTheGeneratedOne()
    {
        var content = (await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json"))["paths"]!["/api/v1/assessments/batch"]!["post"]!["requestBody"]!["content"]!;

        var named = content.AsObject().SelectMany(m => (m.Value!["examples"]?.AsObject() ?? []).Select(e => e.Key)).ToList();
        named.Should().BeEquivalentTo(Expected.Select(row => (string)row[0]));
        content.AsObject().Should().OnlyContain(m => m.Value!["example"] == null, "no generated default example is left");
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task BatchExample_AsServed_ScoresEveryRowAndFlagsOnlyTheBadOne(string name, string mediaType, int rows, int failed)
    {
        var example = (await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json"))["paths"]!["/api/v1/assessments/batch"]!["post"]!["requestBody"]!["content"]![mediaType]!["examples"]![name]!;
        example["summary"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        example["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        var value = example["value"]!;
        var body = mediaType == "application/json" ? value.ToJsonString() : value.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments/batch") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Add("Accept", "application/x-ndjson");
        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = System.Text.Json.Nodes.JsonNode.Parse(lines[^1])!["summary"]!;
        summary["rows"]!.GetValue<int>().Should().Be(rows);
        summary["failed"]!.GetValue<int>().Should().Be(failed);
        lines.Length.Should().Be(rows + 1);
    }
}
