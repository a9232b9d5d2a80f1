using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Batch;

public sealed class BatchEndpointTests(BatchApiFactory factory) : IClassFixture<BatchApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Batch_CsvCohort_AnswersCsvRowsInOrderThenTheSummaryRow()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(BatchApi.Cohorts, "example.csv"));

        using var response = await client.PostAsync(BatchApi.Body(csv, "text/csv"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.RulesetHeader().Should().StartWith("imnm-core@");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("line,caseId,subtype,certainty,alerts,workup,treatment,avoid,missing,error,eularAcr.probability,eularAcr.category,eularAcr.subgroup,eularAcr.maxProbability");
        lines[1].Should().StartWith("2,ex-01,anti-hmgcr-statin-exposed,meets-criteria,");
        lines.Skip(1).Take(9).Select(l => l.Split(',')[2]).Should().OnlyHaveUniqueItems().And.HaveCount(9);
        lines[^1].Should().StartWith(",#summary,rows=9;scored=9;failed=0;truncated=false;aborted=false;ruleset=" + response.RulesetHeader());
        lines.Should().HaveCount(11);
    }

    [Fact]
    public async Task Batch_CsvWithAcceptNdjson_AnswersNdjson()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(BatchApi.Cohorts, "example.csv"));

        using var response = await client.PostAsync(BatchApi.Body(csv, "text/csv"), accept: "application/x-ndjson");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ndjson");
        var lines = BatchApi.NdjsonLines(await response.Content.ReadAsStringAsync());
        lines[0]["caseId"]!.GetValue<string>().Should().Be("ex-01");
        lines[0]["line"]!.GetValue<long>().Should().Be(2);
        lines[^1]["summary"]!["scored"]!.GetValue<long>().Should().Be(9);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/x-ndjson")]
    [InlineData("application/xml")]
    public async Task Batch_AnyAccept_SaysTheAnswerVariesWithAccept(string? accept)
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(BatchApi.Cohorts, "example.csv"));

        using var response = await client.PostAsync(BatchApi.Body(csv, "text/csv"), accept: accept);

        response.Headers.Vary.Should().Contain("Accept", "the rows come back as CSV, NDJSON or JSON as Accept asks");
    }

    [Fact]
    public async Task Batch_Ndjson_AnswersNdjsonWithTheListsOfEachResult()
    {
        var ndjson = await File.ReadAllTextAsync(Path.Combine(BatchApi.Cohorts, "example.ndjson"));

        using var response = await client.PostAsync(BatchApi.Body(ndjson, "application/x-ndjson"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = BatchApi.NdjsonLines(await response.Content.ReadAsStringAsync());
        lines.Should().HaveCount(10);
        var first = lines[0];
        first.Select(p => p.Key).Should().Equal("line", "caseId", "subtype", "certainty", "alerts", "workup", "treatment", "avoid", "missing", "classification");
        first["classification"]!["eularAcr2017"]!["items"]!.AsArray().Should().NotBeEmpty();
        first["treatment"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain(["stop-statin", "prednisone"]);
        var summary = lines[^1]["summary"]!;
        summary["rows"]!.GetValue<long>().Should().Be(9);
        summary["subtypes"]!.AsObject().Select(s => s.Value!.GetValue<long>()).Should().AllBeEquivalentTo(1);
        summary["ruleset"]!["tag"]!.GetValue<string>().Should().Be(response.RulesetHeader());
    }

    [Fact]
    public async Task Batch_JsonArray_AnswersAJsonArrayWhoseLastElementIsTheSummary()
    {
        var ndjson = await File.ReadAllTextAsync(Path.Combine(BatchApi.Cohorts, "example.ndjson"));
        var array = "[\n" + string.Join(",\n", ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "\n]";

        using var response = await client.PostAsync(BatchApi.Body(array, "application/json"));

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        answer.Should().HaveCount(10);
        answer[8]!["caseId"]!.GetValue<string>().Should().Be("ex-09");
        answer[9]!["summary"]!["failed"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Batch_BadRows_CarryAProblemWithLineAndPathAndTheOthersAreScored()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(BatchApi.Cohorts, "example-errors.csv"));

        using var response = await client.PostAsync(BatchApi.Body(csv, "text/csv"), accept: "application/x-ndjson");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = BatchApi.NdjsonLines(await response.Content.ReadAsStringAsync());
        lines[0]["subtype"].Should().NotBeNull();
        var error = lines[1]["error"]!;
        lines[1]["caseId"]!.GetValue<string>().Should().Be("err-02");
        error["status"]!.GetValue<int>().Should().Be(400);
        error["line"]!.GetValue<long>().Should().Be(3);
        error["type"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        error["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["ck.value", "antibodies.hmgcr"]);
        error.ToJsonString().Should().NotContain("8400,5").And.NotContain("postive");
        lines[2]["error"]!["errors"]!["patient.ageYears"]![0]!.GetValue<string>().Should().Be("patient.ageYears must be between 0 and 120.");
        lines[3]["subtype"].Should().NotBeNull();
        lines[^1]["summary"]!["failed"]!.GetValue<long>().Should().Be(2);
    }

    [Theory]
    [InlineData("caseId,name,ck.value\nx,Jane Doe,3000\n", "text/csv", "name")]
    [InlineData("caseId,patient.mrn,ck.value\nx,123456,3000\n", "text/csv", "patient.mrn")]
    [InlineData("""{"caseId":"x","patient":{"dob":"1950-01-01"},"ck":{"value":3000}}""", "application/x-ndjson", "patient.dob")]
    [InlineData("""[{"caseId":"x","email":"jane@example.org","ck":{"value":3000}}]""", "application/json", "email")]
    public async Task Batch_IdentifierLikeColumnOrProperty_Answers400BeforeAnyRow(string body, string mediaType, string name)
    {
        using var response = await client.PostAsync(BatchApi.Body(body, mediaType));

        var problem = await response.ReadProblemAsync(400);
        problem["title"]!.GetValue<string>().Should().Be("The cohort is not anonymized.");
        problem["errors"]![name].Should().NotBeNull();
        problem.ToJsonString().Should().NotContain("Jane").And.NotContain("123456").And.NotContain("1950");
    }

    [Fact]
    public async Task Batch_UnknownColumn_Answers400NamingIt()
    {
        using var response = await client.PostAsync(BatchApi.Body("caseId,antibodys.hmgcr\nx,positive\n", "text/csv"));

        var problem = await response.ReadProblemAsync(400);
        problem["detail"]!.GetValue<string>().Should().Contain("antibodys.hmgcr");
        problem["errors"]!["antibodys.hmgcr"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("P-SENTINEL,5000,positive\nQ-SENTINEL,6000,negative\n")]
    [InlineData("caseId,ck.value\rP-SENTINEL,5000\rQ-SENTINEL,6000\r")]
    [InlineData("caseId,ck.value,P-SENTINEL\nx,1,2\n")]
    public async Task Batch_CsvWithoutAHeaderOrWithCrOnlyLineBreaks_Answers400WithoutEchoingARow(string body)
    {
        using var response = await client.PostAsync(BatchApi.Body(body, "text/csv"));

        var problem = await response.ReadProblemAsync(400);
        problem.ToJsonString().Should().NotContain("SENTINEL").And.NotContain("5000");
    }

    [Fact]
    public async Task Batch_CsvWithoutHeader_Answers400()
    {
        using var response = await client.PostAsync(BatchApi.Body("", "text/csv"));

        (await response.ReadProblemAsync(400))["title"]!.GetValue<string>().Should().Be("The CSV has no header row.");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Batch_UnsupportedContentType_Answers415(string mediaType)
    {
        using var content = BatchApi.Body("ck.value\n3000\n", "text/csv");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);

        using var response = await client.PostAsync(content);

        await response.ReadProblemAsync(415);
    }

    [Fact]
    public async Task Batch_CsvInAnotherCharset_Answers415NamingTheFormats()
    {
        using var content = BatchApi.Body("ck.value\n3000\n", "text/csv");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("text/csv; charset=utf-16");

        using var response = await client.PostAsync(content);

        (await response.ReadProblemAsync(415))["detail"]!.GetValue<string>().Should().Contain("text/csv").And.Contain("UTF-8");
    }

    [Fact]
    public async Task Batch_AcceptAllowingNoBatchFormat_Answers406()
    {
        using var response = await client.PostAsync(BatchApi.Body("ck.value\n3000\n", "text/csv"), accept: "text/html");

        await response.ReadProblemAsync(406);
    }

    [Fact]
    public async Task Batch_QueryPinOfAnotherRuleset_Answers409NamingBoth()
    {
        var tag = await LoadedTagAsync();

        using var response = await client.PostAsync(BatchApi.Body("ck.value\n3000\n", "text/csv"), query: "?rulesetVersion=imnm-core%400.0.1%2B000000000000");

        var problem = await response.ReadProblemAsync(409);
        problem["detail"]!.GetValue<string>().Should().Contain("imnm-core@0.0.1+000000000000").And.Contain(tag);
    }

    [Fact]
    public async Task Batch_QueryPinOfTheLoadedRuleset_Answers200()
    {
        var tag = await LoadedTagAsync();

        using var response = await client.PostAsync(BatchApi.Body("ck.value\n3000\n", "text/csv"), query: "?rulesetVersion=" + Uri.EscapeDataString(tag));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ruleset=" + tag);
    }

    [Fact]
    public async Task Batch_Logs_CountsAndTheRulesetButNeverACaseIdOrAValue()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(BatchApi.Cohorts, "example-errors.csv"));

        using var response = await client.PostAsync(BatchApi.Body(csv, "text/csv"));
        await response.Content.ReadAsStringAsync();

        var logs = factory.Logs.Render("ElapsedMs", "RowsPerSecond", "ElapsedMilliseconds", "DurationMs");
        logs.Should().Contain("BatchRows").And.Contain("imnm-core@");
        logs.Should().NotContain("err-0").And.NotContain("8400").And.NotContain("postive");
    }

    private async Task<string> LoadedTagAsync() => (await client.GetFromJsonNodeAsync("/api/v1/ruleset"))["tag"]!.GetValue<string>();
}
