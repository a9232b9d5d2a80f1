using System.Net;
using ImnmDecision.Api.Tests.Batch;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// What the fifth fuzz round found in Accept negotiation: a type refused by name (<c>application/json;q=0</c>)
/// was still answered when a wildcard beside it allowed anything, and the batch read <c>text/*</c> or
/// <c>application/*</c> only as the input's own format, answering 406 where CSV or JSON was allowed. Each
/// offered type now takes the quality of the most specific range that matches it (RFC 9110, 12.5.1).
/// </summary>
public sealed class FuzzAcceptTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Case = """{"caseId":"a","ck":{"value":9000,"unit":"U/L","upperLimitOfNormal":200},"antibodies":{"srp":"positive"}}""";

    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("*/*;q=0.1, application/json;q=0", "text/markdown")]
    [InlineData("application/json;q=0, */*", "text/markdown")]
    [InlineData("text/*, text/markdown;q=0", "text/html")]
    [InlineData("*/*, application/*;q=0", "text/markdown")]
    [InlineData("text/html;q=0.5, text/markdown;q=0.5", "text/html")]
    [InlineData("text/*;q=0.2, application/json;q=0.1", "text/markdown")]
    public async Task Assess_TypeRefusedByNameBesideAWildcard_IsNotTheAnswer(string accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments") { Content = BatchApi.Body(Case, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected);
    }

    [Theory]
    [InlineData("*/*, application/json;q=0, text/markdown;q=0, text/html;q=0")]
    [InlineData("text/*;q=0, application/*;q=0, */*")]
    public async Task Assess_EveryFormRefusedByName_Is406(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments") { Content = BatchApi.Body(Case, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);

        await response.ReadProblemAsync(406);
    }

    [Theory]
    [InlineData("application/x-ndjson", "text/*", "text/csv")]
    [InlineData("application/x-ndjson", "text/*;q=0.5, text/html;q=0", "text/csv")]
    [InlineData("application/x-ndjson", "application/json;q=0, text/*", "text/csv")]
    [InlineData("text/csv", "application/*", "application/json")]
    [InlineData("application/x-ndjson", "*/*, application/x-ndjson;q=0", "application/json")]
    [InlineData("text/csv", "*/*;q=0.5, text/csv;q=0, application/x-ndjson", "application/x-ndjson")]
    [InlineData("application/x-ndjson", "*/*", "application/x-ndjson")]
    [InlineData("text/csv", "text/*", "text/csv")]
    [InlineData("text/csv", "application/jsonl", "application/x-ndjson")]
    [InlineData("text/csv", "*/*, application/ndjson;q=0", "text/csv")]
    [InlineData("application/x-ndjson", "*/*, application/jsonl;q=0", "application/json")]
    public async Task Batch_WildcardAllowingABatchFormat_IsAnsweredInIt(string input, string accept, string expected)
    {
        var body = input == "text/csv" ? "caseId,ck.value\na,100\nb,200\n" : "{\"caseId\":\"a\",\"ck\":{\"value\":100}}\n{\"caseId\":\"b\",\"ck\":{\"value\":200}}\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, BatchApi.Path) { Content = BatchApi.Body(body, input) };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected);
        (await response.Content.ReadAsStringAsync()).Should().MatchRegex("rows(=|\":)2[;,]", "both rows were answered");
    }

    [Theory]
    [InlineData("*/*, application/json;q=0, application/x-ndjson;q=0, text/csv;q=0")]
    [InlineData("text/*, text/csv;q=0")]
    public async Task Batch_EveryFormatRefusedByName_Is406(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BatchApi.Path) { Content = BatchApi.Body("{\"caseId\":\"a\",\"ck\":{\"value\":100}}\n", "application/x-ndjson") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);

        await response.ReadProblemAsync(406);
    }
}
