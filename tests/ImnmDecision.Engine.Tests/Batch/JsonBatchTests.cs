using System.Text.Json.Nodes;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

public sealed class JsonBatchTests
{
    private const string Hmgcr = """{"caseId":"h1","ck":{"value":8400,"upperLimitOfNormal":200},"antibodies":{"hmgcr":"positive","srp":"negative"},"statin":{"exposure":"current"},"clinical":{"proximalWeakness":"moderate"}}""";
    private const string Normal = """{"caseId":"n1","ck":{"value":150,"upperLimitOfNormal":200},"antibodies":{"hmgcr":"negative","srp":"negative"},"clinical":{"proximalWeakness":"none"}}""";

    [Fact]
    public async Task Run_NdjsonLinesEndedByCarriageReturnsAlone_TheErrorRowSaysSo()
    {
        var (output, summary) = await BatchHarness.RunAsync($"{Hmgcr}\r{Normal}\r", BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        summary.Failed.Should().Be(1, "the two cases are one line");
        var message = lines[0]["error"]!["errors"]!["$"]![0]!.GetValue<string>();
        message.Should().StartWith("Text after the end of the object (line 1, byte ").And.Contain("a carriage return alone does not end a line");
        message.Should().NotContain("n1").And.NotContain("150");
    }

    [Fact]
    public async Task Run_Ndjson_AnswersNdjsonWithTheSummaryLast()
    {
        var (output, summary) = await BatchHarness.RunAsync($"{Hmgcr}\n\n{Normal}\r\n", BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        lines.Should().HaveCount(3);
        lines[0]["line"]!.GetValue<long>().Should().Be(1);
        lines[0]["subtype"]!.GetValue<string>().Should().Be("anti-hmgcr-statin-exposed");
        lines[1]["line"]!.GetValue<long>().Should().Be(3, "blank lines are skipped but counted");
        lines[1]["subtype"]!.GetValue<string>().Should().Be("not-supported");
        var last = lines[2]["summary"]!;
        last["rows"]!.GetValue<long>().Should().Be(2);
        last["scored"]!.GetValue<long>().Should().Be(2);
        last["failed"]!.GetValue<long>().Should().Be(0);
        last["truncated"]!.GetValue<bool>().Should().BeFalse();
        last["subtypes"]!.AsObject().Should().HaveCount(9);
        last["ruleset"]!["sha256"]!.GetValue<string>().Should().Be(summary.Ruleset.Sha256);
    }

    [Fact]
    public async Task Run_JsonArray_AnswersAJsonArrayEndingWithTheSummary()
    {
        var (output, _) = await BatchHarness.RunAsync($"[\n  {Hmgcr},\n  {Normal}\n]", BatchFormat.Json);

        var array = JsonNode.Parse(output)!.AsArray();
        array.Should().HaveCount(3);
        array[0]!["caseId"]!.GetValue<string>().Should().Be("h1");
        array[1]!["line"]!.GetValue<long>().Should().Be(3);
        array[2]!["summary"]!["rows"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task Run_EmptyJsonArray_AnswersOnlyTheSummary()
    {
        var (output, summary) = await BatchHarness.RunAsync(" [ ] ", BatchFormat.Json);

        JsonNode.Parse(output)!.AsArray().Should().ContainSingle();
        summary.Rows.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"caseId":"x","antibodys":{"hmgcr":"positive"}}""", "antibodys", "is not a property of the findings")]
    [InlineData("""{"caseId":"x","ck":{"valu":3}}""", "ck.valu", "is not a property of the findings")]
    [InlineData("""{"caseId":"x","ck":{"value":"3000"}}""", "ck.value", "ck.value must be a number")]
    [InlineData("""{"caseId":"x","antibodies":{"hmgcr":"postive"}}""", "antibodies.hmgcr", "antibodies.hmgcr must be one of positive, negative, equivocal, not-tested")]
    [InlineData("""{"caseId":"x","antibodies":{"otherMyositisSpecific":["jo1","xyz"]}}""", "antibodies.otherMyositisSpecific[1]", "must be one of jo1")]
    [InlineData("""{"caseId":"x","ck":{"value":3000}""", "$", "Not well-formed JSON (line 2, byte")]
    [InlineData("""[1,2]""", "$", "Not a JSON object")]
    [InlineData("""{"caseId":"x","ck":{"value":-5}}""", "ck.value", "ck.value must be a finite number of at least 0.")]
    public async Task Run_BadNdjsonLine_IsAnErrorRowWithPathAndTheBatchGoesOn(string bad, string path, string message)
    {
        var (output, summary) = await BatchHarness.RunAsync($"{Normal}\n{bad}\n{Hmgcr}\n", BatchFormat.Ndjson);

        var lines = BatchHarness.Lines(output);
        var error = lines[1]["error"]!;
        error["line"]!.GetValue<long>().Should().Be(2);
        error["errors"]![path]![0]!.GetValue<string>().Should().Contain(message);
        error["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        lines[2]["caseId"]!.GetValue<string>().Should().Be("h1");
        summary.Failed.Should().Be(1);
        summary.Scored.Should().Be(2);
    }

    [Fact]
    public async Task Run_ErrorRow_EchoesTheCaseIdButNoValue()
    {
        var (output, _) = await BatchHarness.RunAsync("""{"caseId":"keep-me","ck":{"value":"secret-value-123"}}""" + "\n", BatchFormat.Ndjson);

        var line = output.Split('\n')[0];
        line.Should().Contain("keep-me").And.NotContain("secret-value-123");
    }

    [Fact]
    public async Task Run_IdentifierInTheFirstRecord_RefusesTheBatch()
    {
        var act = () => BatchHarness.RunAsync("""{"caseId":"x","patient":{"name":"A B","ageYears":50}}""" + "\n" + Normal, BatchFormat.Ndjson);

        var problem = (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem;
        problem.Status.Should().Be(400);
        problem.Errors.Should().ContainKey("patient.name");
        problem.ToString().Should().NotContain("A B");
    }

    [Fact]
    public async Task Run_IdentifierInTheFirstElementOfAnArray_RefusesTheBatch()
    {
        var act = () => BatchHarness.RunAsync("""[{"caseId":"x","email":"a@b.c","ck":{"value":3}}]""", BatchFormat.Json);

        (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem.Errors.Should().ContainKey("email");
    }

    [Fact]
    public async Task Run_IdentifierInALaterRecord_RefusesThatRowAlone()
    {
        var (output, summary) = await BatchHarness.RunAsync($"{Normal}\n" + """{"caseId":"x","mrn":"12345","ck":{"value":3}}""" + "\n", BatchFormat.Ndjson);

        var error = BatchHarness.Lines(output)[1]["error"]!;
        error["errors"]!["mrn"]![0]!.GetValue<string>().Should().Contain("looks like a direct identifier");
        output.Should().NotContain("12345");
        summary.Failed.Should().Be(1);
    }

    [Theory]
    [InlineData("""{"caseId":"x"}""")]
    [InlineData("5")]
    [InlineData("")]
    public async Task Run_JsonBodyThatIsNotAnArray_IsRefused(string body)
    {
        var act = () => BatchHarness.RunAsync(body, BatchFormat.Json);

        (await act.Should().ThrowAsync<BatchRefusedException>()).Which.Problem.Title.Should().Be("The body must be a JSON array of cases.");
    }

    [Fact]
    public async Task Run_JsonArrayWithBrokenSyntax_EndsWithAnErrorRowAndTheSummary()
    {
        var (output, summary) = await BatchHarness.RunAsync($"[{Hmgcr}, {{\"ck\": {{\"value\": 3,, }}, {Normal}]", BatchFormat.Json);

        var array = JsonNode.Parse(output)!.AsArray();
        array[0]!["caseId"]!.GetValue<string>().Should().Be("h1");
        array[1]!["error"]!["title"]!.GetValue<string>().Should().Be("The JSON array cannot be read further.");
        array[^1]!["summary"]!["rows"]!.GetValue<long>().Should().Be(2);
        summary.Failed.Should().Be(1);
    }

    [Fact]
    public async Task Run_JsonArrayCutOff_EndsWithAnErrorRow()
    {
        var (output, summary) = await BatchHarness.RunAsync($"[{Hmgcr}, {Normal}", BatchFormat.Json);

        var array = JsonNode.Parse(output)!.AsArray();
        array[2]!["error"]!["detail"]!.GetValue<string>().Should().Contain("not closed");
        summary.Scored.Should().Be(2);
    }

    [Theory]
    [InlineData(BatchFormat.Ndjson, 1)]
    [InlineData(BatchFormat.Ndjson, 13)]
    [InlineData(BatchFormat.Json, 1)]
    [InlineData(BatchFormat.Json, 13)]
    public async Task Run_InputArrivingInChunks_GivesTheSameAnswerAsAllAtOnce(BatchFormat format, int chunkBytes)
    {
        var input = BatchHarness.Generate(format, 200);

        var (whole, _) = await BatchHarness.RunAsync(input, format);
        var (chunked, _) = await BatchHarness.RunAsync(input, format, chunkBytes: chunkBytes);

        chunked.Should().Be(whole);
    }

    [Theory]
    [InlineData(BatchFormat.Csv, BatchFormat.Csv)]
    [InlineData(BatchFormat.Csv, BatchFormat.Ndjson)]
    [InlineData(BatchFormat.Csv, BatchFormat.Json)]
    [InlineData(BatchFormat.Ndjson, BatchFormat.Csv)]
    [InlineData(BatchFormat.Ndjson, BatchFormat.Ndjson)]
    [InlineData(BatchFormat.Ndjson, BatchFormat.Json)]
    [InlineData(BatchFormat.Json, BatchFormat.Csv)]
    [InlineData(BatchFormat.Json, BatchFormat.Ndjson)]
    [InlineData(BatchFormat.Json, BatchFormat.Json)]
    public async Task Run_AnyFormatInAnyFormatOut_GivesTheSameRowsAndSummary(BatchFormat input, BatchFormat output)
    {
        var (text, summary) = await BatchHarness.RunAsync(BatchHarness.Generate(input, 300, seed: 4, invalidFraction: 0.05), input, output);

        var rows = output switch
        {
            BatchFormat.Csv => BatchHarness.CsvRows(text).Skip(1).Select(cells => (Subtype: cells[2], Failed: cells[9].Length > 0, CaseId: cells[1])).ToList(),
            BatchFormat.Ndjson => BatchHarness.Lines(text).Select(Row).ToList(),
            _ => JsonNode.Parse(text)!.AsArray().Select(n => Row(n!.AsObject())).ToList(),
        };
        rows.Should().HaveCount(301, "300 rows and the summary");
        rows[^1].CaseId.Should().Be(output == BatchFormat.Csv ? "#summary" : "summary");
        rows.Take(300).Select(r => r.CaseId).Should().Equal(Enumerable.Range(1, 300).Select(i => $"case-{i:D7}"));
        rows.Take(300).Count(r => r.Failed).Should().Be((int)summary.Failed).And.BeGreaterThan(0);
        rows.Take(300).Where(r => !r.Failed).GroupBy(r => r.Subtype).ToDictionary(g => g.Key, g => (long)g.Count())
            .Should().BeEquivalentTo(summary.Subtypes.Where(s => s.Value > 0));

        static (string Subtype, bool Failed, string CaseId) Row(JsonObject row) => row["summary"] is not null
            ? ("", false, "summary")
            : (row["subtype"]?.GetValue<string>() ?? "", row["error"] is not null, row["caseId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_SameCohortInEveryFormat_GivesTheSameResults()
    {
        var csv = BatchHarness.Generate(BatchFormat.Csv, 500);
        var ndjson = BatchHarness.Generate(BatchFormat.Ndjson, 500);
        var json = BatchHarness.Generate(BatchFormat.Json, 500);

        var fromCsv = BatchHarness.Lines((await BatchHarness.RunAsync(csv, BatchFormat.Csv, BatchFormat.Ndjson)).Output);
        var fromNdjson = BatchHarness.Lines((await BatchHarness.RunAsync(ndjson, BatchFormat.Ndjson)).Output);
        var fromJson = JsonNode.Parse((await BatchHarness.RunAsync(json, BatchFormat.Json)).Output)!.AsArray();

        static string Key(JsonNode row) => row["error"] is null
            ? $"{row["caseId"]}|{row["subtype"]}|{row["certainty"]}|{row["alerts"]!.ToJsonString()}|{row["workup"]!.ToJsonString()}|{row["treatment"]!.ToJsonString()}|{row["missing"]!.ToJsonString()}"
            : $"{row["caseId"]}|error";
        var expected = fromCsv.Take(500).Select(Key).ToArray();
        fromNdjson.Take(500).Select(Key).Should().Equal(expected);
        fromJson.Take(500).Select(r => Key(r!)).Should().Equal(expected);
    }
}
