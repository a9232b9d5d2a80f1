using System.Net;
using ImnmDecision.Api.Tests.Batch;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// What the fifth fuzz round found in CSV line breaks after the header: rows ended by a carriage return alone
/// (a file edited on an old Mac, or mixed line ends) are read as one row, as RFC 4180 says, but its error only
/// counted fields, so the sender could not tell why three rows came back as one. The error now names the cause.
/// </summary>
public sealed class FuzzCsvCarriageReturnTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("caseId,ck.value\na,1\rb,2\rc,3\nd,4\n", 4)]
    [InlineData("caseId,ck.value\r\na,1\rb,2\r\nd,4\r\n", 3)]
    public async Task Batch_CsvRowsEndedByACarriageReturnAlone_AreOneErrorRowThatSaysSo(string body, int fields)
    {
        using var response = await client.PostAsync(BatchApi.Body(body, "text/csv"), "application/x-ndjson");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = BatchApi.NdjsonLines(await response.Content.ReadAsStringAsync());
        rows.Should().HaveCount(3);
        var message = rows[0]["error"]!["errors"]!["$"]![0]!.GetValue<string>();
        message.Should().StartWith($"The row has {fields} fields; the header has 2.").And.Contain("carriage return").And.Contain("LF or CRLF");
        rows[1]["caseId"]!.GetValue<string>().Should().Be("d");
        rows[1]["subtype"].Should().NotBeNull();
    }

    [Fact]
    public async Task Batch_CsvRowWithTooManyFieldsAndNoCarriageReturn_DoesNotMentionOne()
    {
        using var response = await client.PostAsync(BatchApi.Body("caseId,ck.value\na,1,2\n\"b\r\nc\",1,2\n", "text/csv"), "application/x-ndjson");

        var rows = BatchApi.NdjsonLines(await response.Content.ReadAsStringAsync());
        rows.Should().HaveCount(3);
        rows[0]["error"]!["errors"]!["$"]![0]!.GetValue<string>().Should().Be("The row has 3 fields; the header has 2.");
        rows[1]["error"]!["errors"]!["$"]![0]!.GetValue<string>().Should().Be("The row has 3 fields; the header has 2.");
    }
}
