using System.Net;
using ImnmDecision.Api.Tests.Batch;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// What the fifth fuzz round found in the JSON array reader of the batch: an element nested deeper than the
/// framing reader's 64 levels (valid JSON, well under the row size limit) ended the whole batch as "not valid
/// JSON" and lost every row after it, where NDJSON answers the same case with one error row; the byte an
/// array's syntax error names was counted from the start of its element, not of its line; and a first case
/// (NDJSON too) that nests deeper than 64 levels before a property named like a direct identifier was not
/// refused as a whole, the check stopping at that depth. A case nested deeper than the findings reader goes
/// (16 levels) was answered "Not well-formed JSON", which it is not.
/// </summary>
public sealed class FuzzJsonArrayTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(20000)]
    public async Task Batch_JsonArrayElementNestedDeeply_IsItsOwnErrorRowAndTheRowsAfterItAreScored(int depth)
    {
        var deep = "{\"caseId\":\"deep\",\"ck\":{\"x\":" + new string('[', depth) + new string(']', depth) + "}}";
        var body = "[{\"caseId\":\"a\",\"ck\":{\"value\":1}},\n" + deep + ",\n{\"caseId\":\"b\",\"ck\":{\"value\":1}}]";

        using var response = await client.PostAsync(BatchApi.Body(body, "application/json"), "application/x-ndjson");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = BatchApi.NdjsonLines(await response.Content.ReadAsStringAsync());
        rows.Should().HaveCount(4, "three cases in, three rows and the summary out");
        rows[0]["subtype"].Should().NotBeNull();
        rows[1]["line"]!.GetValue<long>().Should().Be(2);
        rows[1]["caseId"]!.GetValue<string>().Should().Be("deep");
        rows[1]["error"]!["status"]!.GetValue<int>().Should().Be(400);
        rows[2]["caseId"]!.GetValue<string>().Should().Be("b");
        rows[2]["subtype"].Should().NotBeNull();
        rows[3]["summary"]!["rows"]!.GetValue<long>().Should().Be(3);
        rows[3]["summary"]!["failed"]!.GetValue<long>().Should().Be(1);
        rows[3]["summary"]!["aborted"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("[{\"caseId\":\"a\",\"ck\":{\"value\":1}},x]", 1, 34)]
    [InlineData("[{\"caseId\":\"a\",\"ck\":{\"value\":1}}, {\"caseId\":\"b\" \"ck\":1}]", 1, 49)]
    [InlineData("[\n  {\"caseId\":\"a\",\"ck\":{\"value\":1}},\n  {\"caseId\":\"b\",\n   \"ck\" 1}]", 4, 9)]
    public async Task Batch_JsonArraySyntaxError_NamesTheLineAndTheByteOfThatLine(string body, int line, int column)
    {
        using var response = await client.PostAsync(BatchApi.Body(body, "application/json"), "application/x-ndjson");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = BatchApi.NdjsonLines(await response.Content.ReadAsStringAsync());
        rows.Should().HaveCount(3);
        rows[0]["subtype"].Should().NotBeNull();
        rows[1]["error"]!["errors"]!["$"]![0]!.GetValue<string>().Should().Be($"The JSON array is not valid JSON at line {line}, byte {column}.");
        rows[2]["summary"]!["aborted"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    public async Task Batch_FirstCaseWithAnIdentifierAfterADeepValue_RefusesTheBatch(string mediaType)
    {
        var first = "{\"caseId\":\"a\",\"ck\":{\"x\":" + new string('[', 70) + new string(']', 70) + "},\"patient\":{\"name\":\"Jane Roe\"}}";
        var second = "{\"caseId\":\"b\",\"ck\":{\"value\":1}}";
        var body = mediaType == "application/json" ? $"[{first},{second}]" : $"{first}\n{second}\n";

        using var response = await client.PostAsync(BatchApi.Body(body, mediaType), "application/x-ndjson");

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!["patient.name"].Should().NotBeNull();
        problem.ToJsonString().Should().NotContain("Jane Roe");
    }

    [Fact]
    public async Task Assess_CaseNestedDeeperThanTheReaderGoes_SaysSoNotThatItIsMalformed()
    {
        var body = "{\"ck\":{\"value\":" + new string('[', 40) + new string(']', 40) + "}}";

        using var single = await client.PostAssessmentAsync(body);
        using var batch = await client.PostAsync(BatchApi.Body(body + "\n", "application/x-ndjson"), "application/x-ndjson");

        var problem = await single.ReadProblemAsync(400);
        problem["errors"]!["$"]![0]!.GetValue<string>().Should().StartWith("Nested too deeply (line 1, byte ");
        var rows = BatchApi.NdjsonLines(await batch.Content.ReadAsStringAsync());
        rows[0]["error"]!["errors"]!["$"]![0]!.GetValue<string>().Should().StartWith("Nested too deeply (line 1, byte ");
    }
}
