using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>CSV answers are safe to open in a spreadsheet (OWASP's rule); numbers are never altered; raw gives the bytes as sent.</summary>
public sealed class CsvFormulaGuardTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("-5", "-5")]
    [InlineData("+12.5e3", "+12.5e3")]
    [InlineData("-.5", "-.5")]
    [InlineData("case-1", "case-1")]
    public async Task Run_CaseIdThatAFormulaCouldStartWith_IsPrefixedUnlessItIsANumber(string caseId, string expected)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { caseId, ck = new { value = 5000 } });

        var (output, _) = await BatchHarness.RunAsync(json + "\n", BatchFormat.Ndjson, BatchFormat.Csv);
        var (raw, _) = await BatchHarness.RunAsync(json + "\n", BatchFormat.Ndjson, BatchFormat.Csv, new BatchOptions { RawCsv = true });

        BatchHarness.CsvRows(output)[1][1].Should().Be(expected);
        BatchHarness.CsvRows(raw)[1][1].Should().Be(caseId);
    }

    [Fact]
    public async Task Run_ErrorRowWhoseCaseIdStartsLikeAFormula_IsPrefixedToo()
    {
        var (output, _) = await BatchHarness.RunAsync("""{"caseId":"=1+1","ck":{"value":"high"}}""" + "\n", BatchFormat.Ndjson, BatchFormat.Csv);

        var row = BatchHarness.CsvRows(output)[1];
        row[1].Should().Be("'=1+1");
        row[9].Should().NotBeEmpty();
        row.Where(cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0])).Should().BeEmpty();
    }

    [Theory]
    [InlineData("caseId,ck.value\n x ,5000\n", BatchFormat.Csv)]
    [InlineData("caseId,ck.value\n\" x \",5000\n", BatchFormat.Csv)]
    [InlineData("{\"caseId\":\" x \",\"ck\":{\"value\":5000}}\n", BatchFormat.Ndjson)]
    public async Task Run_CaseIdWithSurroundingSpaces_IsEchoedAsSentInEveryFormat(string input, BatchFormat format)
    {
        var (output, _) = await BatchHarness.RunAsync(input, format, BatchFormat.Ndjson);

        BatchHarness.Lines(output)[0]["caseId"]!.GetValue<string>().Should().Be(" x ");
    }
}
