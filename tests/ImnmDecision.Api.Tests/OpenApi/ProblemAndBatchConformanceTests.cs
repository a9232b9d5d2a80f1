using System.Net;
using System.Net.Http.Headers;
using FluentValidation;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Cases;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// The problem documents (400, 406, 409, 413, 415, 500) and the batch answers (result rows, error rows and the summary,
/// in JSON and NDJSON; the CSV answer's media type) match openapi/v1.json, strictly (see <see cref="OpenApiContract"/>).
/// </summary>
public sealed class ProblemAndBatchConformanceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Assessments = "/api/v1/assessments";
    private const string Batch = "/api/v1/assessments/batch";
    private const string OtherRuleset = "imnm-core@1999.1.0+000000000000";

    private static readonly OpenApiContract Contract = OpenApiContract.Committed;

    /// <summary>Good rows, a row that breaks a field rule, a row that cannot be read, an identifier-like property on a later row.</summary>
    private const string NdjsonCohort = """
        {"caseId":"c-1","patient":{"ageYears":62,"sex":"male","weightKg":80},"ck":{"value":8400,"unit":"U/L","upperLimitOfNormal":200},"antibodies":{"hmgcr":"positive","srp":"negative"},"statin":{"exposure":"current"},"clinical":{"proximalWeakness":"moderate","onset":"subacute","dysphagia":true}}
        {"caseId":"c-2","patient":{"ageYears":150},"ck":{"value":-3}}
        {"caseId":"c-3","antibodies":{"hmgcr":"postive"}}
        {"caseId":"c-4","ck":
        {"caseId":"c-5","patient":{"ageYears":41,"sex":"female","heightCm":160,"weightKg":58},"ck":{"value":2.5,"unit":"ukat/L","upperLimitOfNormal":3.2},"skin":{"heliotropeRash":true},"antibodies":{"hmgcr":"negative","srp":"negative","otherMyositisSpecific":["tif1g"]}}
        {"caseId":"c-6","mrn":"x"}
        {"caseId":"c-7"}
        """;

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task AssessmentProblems_400_406_409_413_415_500_Conform()
    {
        var failures = new List<string>();
        failures.AddRange(await PostAsync(Assessments, """{"ck":{"value":-1,"unit":"U/L"},"patient":{"ageYears":300}}""", "application/json", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Assessments, """{"antibodys":{"hmgcr":"positive"}}""", "application/json", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Assessments, """{"antibodies":{"hmgcr":"postive"}}""", "application/json", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Assessments, """{"ck":{"value":""", "application/json", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Assessments, "{}", "application/json", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Assessments, "[]", "application/json", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Assessments, """{"ck":{"value":-1}}""", "application/json", HttpStatusCode.BadRequest, accept: "text/markdown"));
        failures.AddRange(await PostAsync(Assessments, Cases.HmgcrStatinExposed, "application/json", HttpStatusCode.NotAcceptable, accept: "image/png"));
        failures.AddRange(await PostAsync(Assessments, Cases.HmgcrStatinExposed, "application/json", HttpStatusCode.Conflict, pin: OtherRuleset));
        failures.AddRange(await PostAsync(Assessments, Cases.HmgcrStatinExposed, "text/plain", HttpStatusCode.UnsupportedMediaType));

        using var small = factory.WithWebHostBuilder(builder => builder.UseSetting("Api:MaxBodyBytes", "512"));
        using var smallClient = small.CreateClient();
        using var tooLarge = await smallClient.PostAssessmentAsync($$"""{ "statin": { "drug": "{{new string('y', 4000)}}" } }""");
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        failures.AddRange(await Contract.CheckAsync("POST", Assessments, tooLarge));

        using var failing = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IValidator<Findings>, ThrowingValidator>()));
        using var failed = await failing.CreateClient().PostAssessmentAsync(Cases.HmgcrStatinExposed);
        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        failures.AddRange(await Contract.CheckAsync("POST", Assessments, failed));

        failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/v1/ruleset", "/api/v1/ruleset")]
    [InlineData("/api/v1/rules", "/api/v1/rules")]
    [InlineData("/api/v1/rules/subtype.anti-srp", "/api/v1/rules/{ruleId}")]
    [InlineData("/api/v1/citations", "/api/v1/citations")]
    [InlineData("/api/v1/citations/enmc-2018", "/api/v1/citations/{citationId}")]
    [InlineData("/api/v1/audit/summary", "/api/v1/audit/summary")]
    [InlineData("/api/v1/feedback/summary", "/api/v1/feedback/summary")]
    public async Task EveryGet_PinnedToAnotherRulesetByHeaderOrQuery_Answers409ProblemThatConforms(string path, string template)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Ruleset-Version", OtherRuleset);
        using var byHeader = await client.SendAsync(request);
        using var byQuery = await client.GetAsync(new Uri(path + "?rulesetVersion=" + Uri.EscapeDataString(OtherRuleset), UriKind.Relative));

        byHeader.StatusCode.Should().Be(HttpStatusCode.Conflict);
        byQuery.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Contract.CheckAsync("GET", template, byHeader)).Should().BeEmpty();
        (await Contract.CheckAsync("GET", template, byQuery)).Should().BeEmpty();
        Contract.Document["paths"]![template]!["get"]!["parameters"]!.AsArray()
            .Select(p => $"{p!["in"]} {p["name"]}").Should().Contain(["header X-Ruleset-Version", "query rulesetVersion"]);
    }

    [Theory]
    [InlineData("application/x-ndjson", null)]
    [InlineData("application/x-ndjson", "application/json")]
    [InlineData("application/json", null)]
    [InlineData("application/json", "application/x-ndjson")]
    [InlineData("text/csv", "application/x-ndjson")]
    [InlineData("text/csv", null)]
    public async Task EveryBatchExample_AnswerConforms(string inputMediaType, string? accept)
    {
        var request = Contract.Document["paths"]![Batch]!["post"]!["requestBody"]!["content"]![inputMediaType]!;
        var examples = request["examples"]!.AsObject();
        examples.Should().NotBeEmpty();
        var failures = new List<string>();
        foreach (var (name, example) in examples)
        {
            var value = example!["value"]!;
            var body = inputMediaType == "application/json" ? value.ToJsonString() : value.GetValue<string>();
            if (inputMediaType == "application/json")
            {
                failures.AddRange(Contract.Validate($"{name} as a request", request["schema"]!, body));
            }
            else if (inputMediaType == "application/x-ndjson")
            {
                failures.AddRange(body.Split('\n', StringSplitOptions.RemoveEmptyEntries).SelectMany(line => Contract.Validate($"{name} line as a request", request["schema"]!["items"]!, line)));
            }

            failures.AddRange((await PostAsync(Batch, body, inputMediaType, HttpStatusCode.OK, accept)).Select(f => $"{name}: {f}"));
        }

        failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/json")]
    public async Task Batch_ResultRowsErrorRowsAndSummary_Conform(string accept)
    {
        using var response = await SendAsync(Batch, NdjsonCohort, "application/x-ndjson", accept);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("\"error\"").And.Contain("\"summary\"").And.Contain("\"classification\"");
        Contract.Check("POST", Batch, response, body).Should().BeEmpty();
    }

    [Fact]
    public async Task Batch_CsvAnswer_HasExactlyTheColumnsTheDocumentNames()
    {
        var description = Contract.Document["components"]!["schemas"]!["BatchResultRow"]!["description"]!.GetValue<string>();
        var documented = System.Text.RegularExpressions.Regex.Match(description, "`(line,caseId,[^`]+)`").Groups[1].Value;

        using var response = await SendAsync(Batch, "caseId,ck.value\nc1,5000\n", "text/csv");
        var header = (await response.Content.ReadAsStringAsync()).Split("\r\n")[0];

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Contract.Check("POST", Batch, response, string.Empty).Should().BeEmpty();
        documented.Should().NotBeEmpty("the BatchResultRow description names the CSV columns");
        header.Should().Be(documented);
    }

    [Fact]
    public async Task Batch_JsonArrayWhoseSyntaxBreaks_AbortedSummaryConforms()
    {
        using var response = await SendAsync(Batch, """[{"caseId":"a-1","ck":{"value":5000}},{"caseId":"a-2","ck":{"value":90}},{"caseId":"a-3","ck":""", "application/json");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("\"aborted\":true");
        Contract.Check("POST", Batch, response, body).Should().BeEmpty();
    }

    [Fact]
    public async Task BatchProblems_400_406_409_413_415_Conform()
    {
        var failures = new List<string>();
        failures.AddRange(await PostAsync(Batch, "caseId,name,ck.value\nc1,x,5000\n", "text/csv", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Batch, "caseId,ck.value,no.such.column\nc1,5000,1\n", "text/csv", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Batch, """{"caseId":"c1"}""", "application/json", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Batch + "?rawCsv=ZQ-MAYBE", "caseId,ck.value\nc1,5000\n", "text/csv", HttpStatusCode.BadRequest));
        failures.AddRange(await PostAsync(Batch, "caseId,ck.value\nc1,5000\n", "text/csv", HttpStatusCode.NotAcceptable, accept: "image/png"));
        failures.AddRange(await PostAsync(Batch, "caseId,ck.value\nc1,5000\n", "text/csv", HttpStatusCode.Conflict, pin: OtherRuleset));
        failures.AddRange(await PostAsync(Batch + "?rulesetVersion=" + Uri.EscapeDataString(OtherRuleset), "caseId,ck.value\nc1,5000\n", "text/csv", HttpStatusCode.Conflict));
        failures.AddRange(await PostAsync(Batch, "caseId,ck.value\nc1,5000\n", "text/plain", HttpStatusCode.UnsupportedMediaType));

        using var limited = factory.WithWebHostBuilder(builder => builder.UseSetting("Batch:MaxRows", "2"));
        using var limitedClient = limited.CreateClient();
        using var tooMany = await limitedClient.PostAsync(new Uri(Batch, UriKind.Relative), Json.Body("caseId,ck.value\nc1,5000\nc2,5000\nc3,5000\nc4,5000\n", "text/csv"));
        tooMany.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        failures.AddRange(await Contract.CheckAsync("POST", Batch, tooMany));

        failures.Should().BeEmpty();
    }

    private async Task<IReadOnlyList<string>> PostAsync(string path, string body, string mediaType, HttpStatusCode expected, string? accept = null, string? pin = null)
    {
        using var response = await SendAsync(path, body, mediaType, accept, pin);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "{0} with {1} answered {2}", path, body, text);
        var template = path.Split('?')[0];
        return Contract.Check("POST", template, response, text);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string body, string mediaType, string? accept = null, string? pin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = Json.Body(body, mediaType) };
        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }

        if (pin is not null)
        {
            request.Headers.Add("X-Ruleset-Version", pin);
        }

        return await client.SendAsync(request);
    }
}
