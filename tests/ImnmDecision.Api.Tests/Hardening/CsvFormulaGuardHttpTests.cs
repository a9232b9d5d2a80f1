using ImnmDecision.Api.Tests.Batch;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>The batch endpoint's CSV answer is safe in a spreadsheet by default; ?rawCsv=true gives the bytes as sent.</summary>
public sealed class CsvFormulaGuardHttpTests(BatchApiFactory factory) : IClassFixture<BatchApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData(null, "'=cmd|calc", "-12")]
    [InlineData("?rawCsv=true", "=cmd|calc", "-12")]
    [InlineData("?rawCsv=false", "'=cmd|calc", "-12")]
    public async Task Batch_CsvAnswer_PrefixesFormulaCellsUnlessRawIsAsked(string? query, string expected, string number)
    {
        using var response = await client.PostAsync(BatchApi.Body("caseId,ck.value\n=cmd|calc,5000\n-12,5000\n", "text/csv"), query: query);

        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        lines[1].Split(',')[1].Should().Be(expected);
        lines[2].Split(',')[1].Should().Be(number);
    }

    [Fact]
    public async Task Batch_RawCsvNotABoolean_Answers400Problem()
    {
        using var response = await client.PostAsync(BatchApi.Body("caseId,ck.value\nx,5000\n", "text/csv"), query: "?rawCsv=maybe");

        ((int)response.StatusCode).Should().Be(400);
    }
}
