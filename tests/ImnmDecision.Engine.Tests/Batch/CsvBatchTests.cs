using System.Text;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

public sealed class CsvBatchTests
{
    private const string Header = "caseId,ck.value,ck.upperLimitOfNormal,antibodies.hmgcr,antibodies.srp,statin.exposure,clinical.proximalWeakness";

    [Fact]
    public async Task Run_CsvCohort_WritesOneRowPerCaseInOrderThenTheSummary()
    {
        var input = $"{Header}\nc1,8400,200,positive,negative,current,moderate\nc2,150,200,negative,negative,never,none\n";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv);

        var rows = BatchHarness.CsvRows(output);
        rows[0].Should().Equal("line", "caseId", "subtype", "certainty", "alerts", "workup", "treatment", "avoid", "missing", "error",
            "eularAcr.probability", "eularAcr.category", "eularAcr.subgroup", "eularAcr.maxProbability");
        rows[1][0..4].Should().Equal("2", "c1", "anti-hmgcr-statin-exposed", "meets-criteria");
        rows[1][6].Split(';').Should().Contain(["stop-statin", "prednisone"]);
        rows[2][0..4].Should().Equal("3", "c2", "not-supported", "not-applicable");
        rows[3][0].Should().BeEmpty("the summary row has no line");
        rows[3][1].Should().Be("#summary");
        rows[3][2].Should().Contain("rows=2;scored=2;failed=0;truncated=false")
            .And.Contain($"ruleset={summary.Ruleset.Tag};sha256={summary.Ruleset.Sha256}")
            .And.Contain("anti-hmgcr-statin-exposed=1").And.Contain("not-supported=1").And.Contain("anti-srp=0");
        rows.Should().HaveCount(4);
        summary.Subtypes["anti-hmgcr-statin-exposed"].Should().Be(1);
    }

    [Fact]
    public async Task Run_CsvWithQuotesCrLfBomAndBlankLines_ReadsEveryCell()
    {
        var input = "\uFEFFcaseId,statin.drug,antibodies.otherMyositisSpecific,ck.value\r\n"
            + "\"a, \"\"quoted\"\"\r\nid\",\"atorva\"\"statin\",\"jo1|mi2\",\" 300 \"\r\n"
            + "\r\n"
            + "b,,none,1200\r\n";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        summary.Rows.Should().Be(2);
        summary.Failed.Should().Be(0);
        lines[0]["caseId"]!.GetValue<string>().Should().Be("a, \"quoted\"\r\nid");
        lines[0]["line"]!.GetValue<long>().Should().Be(2);
        lines[0]["subtype"]!.GetValue<string>().Should().Be("alternative-diagnosis-likely", "jo1 and mi2 were read as other myositis antibodies");
        lines[1]["line"]!.GetValue<long>().Should().Be(5, "the quoted line break and the blank line count as lines");
        lines[1]["caseId"]!.GetValue<string>().Should().Be("b");
    }

    [Fact]
    public async Task Run_QuoteNeverClosed_IsAnErrorRowForItsLine_AndTheRowsAfterItAreStillRead()
    {
        var input = "caseId,ck.value,antibodies.hmgcr\r\n"
            + "a,5000,positive\r\n"
            + "b,\"6000,positive\r\n"
            + "c,7000,negative\r\n"
            + "d,8000,positive\r\n";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        summary.Rows.Should().Be(4, "four rows in, four answers out");
        summary.Failed.Should().Be(1);
        lines.Take(4).Select(l => l["line"]!.GetValue<long>()).Should().Equal(2, 3, 4, 5);
        lines[1]["error"]!["detail"]!.GetValue<string>().Should().Be(
            "The row on line 3 opens a quoted field that is never closed; it was not scored, and the rows after it were read from line 4.");
        lines[2]["caseId"]!.GetValue<string>().Should().Be("c");
        lines[3]["caseId"]!.GetValue<string>().Should().Be("d");
        lines[3]["subtype"].Should().NotBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Run_OneColumnRowsWithAQuotedEmptyCell_AreErrorRowsNotSkippedAsBlank(int chunkBytes)
    {
        // As Python's csv writer (and pandas) write an empty value in a one-column file: "" keeps the row.
        var input = "statin.drug\natorvastatin\n\"\"\n\n\"\"\r\n";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson, chunkBytes: chunkBytes);

        var lines = BatchHarness.Lines(output);
        summary.Rows.Should().Be(3, "three rows were written; only the empty line between them is blank");
        lines.Take(3).Select(l => l["line"]!.GetValue<long>()).Should().Equal(2, 3, 5);
        lines[1]["error"].Should().NotBeNull("an empty case is an error row");
        lines[2]["error"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("ck.value", "12,5", "ck.value must be a finite number")]
    [InlineData("ck.value", "NaN", "ck.value must be a finite number")]
    [InlineData("antibodies.hmgcr", "postive", "antibodies.hmgcr must be one of positive, negative, equivocal, not-tested")]
    [InlineData("antibodies.hmgcr", "Positive", "antibodies.hmgcr must be one of")]
    [InlineData("clinical.dysphagia", "yes", "clinical.dysphagia must be true or false")]
    [InlineData("antibodies.otherMyositisSpecific", "jo1;xyz", "antibodies.otherMyositisSpecific must list positive antibodies")]
    public async Task Run_BadCell_GivesThatRowAnErrorWithLineAndPathAndGoesOn(string column, string cell, string message)
    {
        var input = column == "ck.value"
            ? $"caseId,ck.value,antibodies.srp\nbad,\"{cell}\",negative\ngood,3000,negative\n"
            : $"caseId,ck.value,{column}\nbad,3000,{cell}\ngood,3000,\n";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        var error = lines[0]["error"]!;
        lines[0]["caseId"]!.GetValue<string>().Should().Be("bad");
        lines[0]["subtype"].Should().BeNull();
        error["status"]!.GetValue<int>().Should().Be(400);
        error["line"]!.GetValue<long>().Should().Be(2);
        error["errors"]![column]![0]!.GetValue<string>().Should().StartWith(message);
        error.ToJsonString().Should().NotContain(cell.Trim(), "errors never echo the value sent");
        lines[1]["caseId"]!.GetValue<string>().Should().Be("good");
        lines[1]["subtype"].Should().NotBeNull();
        summary.Failed.Should().Be(1);
        summary.Scored.Should().Be(1);
    }

    [Fact]
    public async Task Run_RowBreakingAFieldRule_CarriesTheValidatorsMessage()
    {
        var input = "caseId,patient.sex,patient.pregnant,patient.ageYears\nx,male,true,150\n";

        var (output, _) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson);

        var errors = BatchHarness.Lines(output)[0]["error"]!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["patient.pregnant", "patient.ageYears"]);
        errors["patient.ageYears"]![0]!.GetValue<string>().Should().Be("patient.ageYears must be between 0 and 120.");
    }

    [Fact]
    public async Task Run_RowWithTheWrongNumberOfFields_IsAnErrorRowLabelledWithItsCaseId()
    {
        var (output, summary) = await BatchHarness.RunAsync("caseId,ck.value,antibodies.hmgcr\nshort,3000\n", BatchFormat.Csv);

        var rows = BatchHarness.CsvRows(output);
        rows[1][1].Should().Be("short");
        rows[1][9].Should().Be("$: The row has 2 fields; the header has 3.");
        summary.Failed.Should().Be(1);
    }

    [Fact]
    public async Task Run_EmptyCells_AreUnknownNotFalse()
    {
        var (output, _) = await BatchHarness.RunAsync("caseId,ck.value,antibodies.hmgcr,antibodies.srp,statin.exposure\nx,9000,positive,,\n", BatchFormat.Csv, BatchFormat.Ndjson);

        var line = BatchHarness.Lines(output)[0];
        line["subtype"]!.GetValue<string>().Should().Be("anti-hmgcr", "an empty statin.exposure is not known, never 'never'");
        line["missing"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Contain("statin.exposure");
    }

    [Theory]
    [InlineData("caseId,name,ck.value", "name")]
    [InlineData("caseId,patient.name,ck.value", "patient.name")]
    [InlineData("caseId,DOB,ck.value", "DOB")]
    [InlineData("MRN,ck.value", "MRN")]
    [InlineData("caseId,birth_date,ck.value", "birth_date")]
    [InlineData("caseId,email,ck.value", "email")]
    public async Task Run_IdentifierLikeColumn_RefusesTheBatchBeforeAnyRow(string header, string column)
    {
        var act = () => BatchHarness.RunAsync($"{header}\n1,2,3\n", BatchFormat.Csv);

        var refused = (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem;
        refused.Status.Should().Be(400);
        refused.Title.Should().Be("The cohort is not anonymized.");
        refused.Errors.Should().ContainKey(column);
        refused.Detail.Should().Contain("no row was scored");
    }

    [Fact]
    public async Task Run_UnknownColumn_RefusesNamingItAndSuggestingTheRightCase()
    {
        var act = () => BatchHarness.RunAsync("caseId,ck.Value,antibodys.hmgcr\n1,2,3\n", BatchFormat.Csv);

        var refused = (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem;
        refused.Status.Should().Be(400);
        refused.Detail.Should().Contain("ck.Value").And.Contain("antibodys.hmgcr");
        refused.Errors!["ck.Value"][0].Should().Contain("did you mean 'ck.value'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public async Task Run_NoHeader_IsRefused(string input)
    {
        var act = () => BatchHarness.RunAsync(input, BatchFormat.Csv);

        (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem.Title.Should().Be("The CSV has no header row.");
    }

    [Theory]
    [InlineData("caseId;ck.value;ck.unit\nc1;5000;U/L\n", "semicolon")]
    [InlineData("\"caseId\";\"ck.value\"\n\"c1\";\"5000\"\n", "semicolon")]
    [InlineData("caseId\tck.value\nc1\t5000\n", "tab")]
    [InlineData("ck.value|antibodies.hmgcr\n5000|positive\n", "vertical bar")]
    public async Task Run_ColumnsSeparatedByAnotherCharacter_IsRefusedNamingIt(string input, string separator)
    {
        var act = () => BatchHarness.RunAsync(input, BatchFormat.Csv);

        var refused = (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem;
        refused.Title.Should().Be("The CSV columns are not separated by commas.");
        refused.Detail.Should().Contain($"split at each {separator},").And.NotContain("5000");
    }

    [Fact]
    public async Task Run_OneColumnHeaderWithASemicolonInAKnownName_IsReadAsOneColumn()
    {
        var (output, _) = await BatchHarness.RunAsync("caseId\nc1;x\n", BatchFormat.Csv, BatchFormat.Ndjson);

        BatchHarness.Lines(output)[0]["caseId"]!.GetValue<string>().Should().Be("c1;x");
    }

    [Fact]
    public async Task Run_RepeatedColumn_IsRefused()
    {
        var act = () => BatchHarness.RunAsync("ck.value,ck.value\n1,2\n", BatchFormat.Csv);

        (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem.Errors!["ck.value"].Should().ContainSingle();
    }

    [Fact]
    public async Task Run_RowOverTheSizeLimit_IsSkippedAsAnErrorAndTheNextRowIsScored()
    {
        var huge = new string('x', 300);
        var input = $"caseId,ck.value\n\"{huge}\",1\nnext,3000\n";

        var (output, summary) = await BatchHarness.RunAsync(input, BatchFormat.Csv, BatchFormat.Ndjson, new BatchOptions { MaxRecordBytes = 128 }, chunkBytes: 16);

        var lines = BatchHarness.Lines(output);
        lines[0]["error"]!["status"]!.GetValue<int>().Should().Be(413);
        lines[0]["line"]!.GetValue<long>().Should().Be(2);
        lines[1]["caseId"]!.GetValue<string>().Should().Be("next");
        lines[1]["line"]!.GetValue<long>().Should().Be(3);
        summary.Rows.Should().Be(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Run_InputArrivingInChunks_GivesTheSameAnswerAsAllAtOnce(int chunkBytes)
    {
        var input = BatchHarness.Generate(BatchFormat.Csv, 300);

        var (whole, _) = await BatchHarness.RunAsync(input, BatchFormat.Csv);
        var (chunked, _) = await BatchHarness.RunAsync(input, BatchFormat.Csv, chunkBytes: chunkBytes);

        chunked.Should().Be(whole);
    }

    [Fact]
    public async Task Run_EveryCellQuoted_GivesTheSameAnswerAsPlainCells()
    {
        // Rows without quotes are split by a fast path; quoted rows by the full RFC 4180 tokenizer. Quoting every
        // cell of every other row (and ending some with CRLF) must change nothing in the answer.
        var input = BatchHarness.Generate(BatchFormat.Csv, 2000, invalidFraction: 0);
        var rows = BatchHarness.CsvRows(input);
        var quoted = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = i % 2 == 1 ? rows[i].Select(c => $"\"{c.Replace("\"", "\"\"", StringComparison.Ordinal)}\"") : rows[i];
            quoted.Append(string.Join(',', cells)).Append(i % 3 == 0 ? "\r\n" : "\n");
        }

        var (plain, plainSummary) = await BatchHarness.RunAsync(input, BatchFormat.Csv);
        var (fromQuoted, quotedSummary) = await BatchHarness.RunAsync(quoted.ToString(), BatchFormat.Csv);

        quoted.ToString().Should().NotBe(input);
        fromQuoted.Should().Be(plain);
        quotedSummary.Rows.Should().Be(2000);
        plainSummary.Failed.Should().Be(0);
    }
}
