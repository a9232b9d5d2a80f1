using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Store;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// What the service sends matches openapi/v1.json, the contract EHR and research clients are generated from: status
/// codes, media types, the X-Ruleset-Version header and every body, validated against the documented schema in strict
/// mode (an undocumented property fails, as do a missing required property, a wrong type and an enum value the
/// document does not list). The assessment endpoint, the catalogue and the summaries here; problem documents and the
/// batch in <see cref="ProblemAndBatchConformanceTests"/>.
/// </summary>
public sealed class ResponseConformanceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Assessments = "/api/v1/assessments";

    private static readonly OpenApiContract Contract = OpenApiContract.Committed;

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task EveryGoldenCase_AssessmentAnswer_ConformsToTheContract()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "cases"), "*.json");
        files.Should().HaveCountGreaterThan(100);
        var failures = new List<string>();

        foreach (var file in files)
        {
            using var golden = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            using var response = await client.PostAssessmentAsync(golden.RootElement.GetProperty("findings").GetRawText());

            response.StatusCode.Should().Be(HttpStatusCode.OK, file);
            failures.AddRange((await Contract.CheckAsync("POST", Assessments, response)).Select(f => $"{Path.GetFileName(file)}: {f}"));
        }

        failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData("rename", "subtype")] // a renamed field: required missing and an undocumented one
    [InlineData("misspell", "subtype.code")] // an enum spelling the document does not list
    [InlineData("remove", "disclaimer")] // a required property left out
    [InlineData("stringify", "citations")] // a wrong type
    [InlineData("header", "X-Ruleset-Version")] // the documented header left out
    public async Task Checker_RealAnswerBrokenOnPurpose_Fails(string breakage, string target)
    {
        using var real = await client.PostAssessmentAsync(Cases.HmgcrStatinExposed);
        var answer = (await real.ReadJsonAsync()).AsObject();
        switch (breakage)
        {
            case "rename":
                answer["subType"] = answer[target]!.DeepClone();
                answer.Remove(target);
                break;
            case "misspell":
                answer["subtype"]!["code"] = "anti_hmgcr_statin_exposed";
                break;
            case "remove":
                answer.Remove(target);
                break;
            case "stringify":
                answer[target] = answer[target]!.ToJsonString();
                break;
        }

        using var broken = new HttpResponseMessage(HttpStatusCode.OK) { Content = Json.Body(answer.ToJsonString()) };
        if (breakage != "header")
        {
            broken.Headers.Add("X-Ruleset-Version", real.RulesetHeader());
        }

        var named = target.Split('.').Last();
        Contract.Check("POST", Assessments, broken, answer.ToJsonString()).Should().NotBeEmpty()
            .And.Contain(f => f.Contains(named, StringComparison.Ordinal) || f.Contains("subType", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EverySwaggerRequestExample_IsAValidRequestAndItsAnswerConformsInJsonMarkdownAndHtml()
    {
        var request = Contract.Document["paths"]![Assessments]!["post"]!["requestBody"]!["content"]!["application/json"]!;
        var examples = request["examples"]!.AsObject();
        examples.Should().NotBeEmpty();
        var failures = new List<string>();

        foreach (var (name, example) in examples)
        {
            failures.AddRange(Contract.Validate($"example {name} as a request", request["schema"]!, example!["value"]!.ToJsonString()));
            foreach (var accept in new[] { "application/json", "text/markdown", "text/html" })
            {
                using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(Assessments, UriKind.Relative)) { Content = Json.Body(example["value"]!.ToJsonString()) };
                post.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
                using var response = await client.SendAsync(post);

                response.StatusCode.Should().Be(HttpStatusCode.OK, name);
                response.Content.Headers.ContentType!.MediaType.Should().Be(accept, name);
                failures.AddRange((await Contract.CheckAsync("POST", Assessments, response)).Select(f => $"example {name}, {accept}: {f}"));
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Catalogue_RulesetRulesAndCitations_EveryAnswerConforms()
    {
        var failures = new List<string>();
        failures.AddRange(await GetAsync("/api/v1/ruleset", "/api/v1/ruleset"));
        failures.AddRange(await GetAsync("/api/v1/rules", "/api/v1/rules"));
        failures.AddRange(await GetAsync("/api/v1/citations", "/api/v1/citations"));

        var rules = (await client.GetFromJsonNodeAsync("/api/v1/rules")).AsArray();
        rules.Should().HaveCountGreaterThan(50);
        foreach (var rule in rules)
        {
            failures.AddRange(await GetAsync("/api/v1/rules/" + Uri.EscapeDataString(rule!["id"]!.GetValue<string>()), "/api/v1/rules/{ruleId}"));
        }

        var citations = (await client.GetFromJsonNodeAsync("/api/v1/citations")).AsArray();
        citations.Should().HaveCountGreaterThan(20);
        foreach (var citation in citations)
        {
            failures.AddRange(await GetAsync("/api/v1/citations/" + Uri.EscapeDataString(citation!["id"]!.GetValue<string>()), "/api/v1/citations/{citationId}"));
        }

        failures.AddRange(await GetAsync("/api/v1/rules/no-such-rule", "/api/v1/rules/{ruleId}", HttpStatusCode.NotFound));
        failures.AddRange(await GetAsync("/api/v1/citations/no-such-citation", "/api/v1/citations/{citationId}", HttpStatusCode.NotFound));
        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Summaries_AuditAndFeedback_WithEntriesAndEmpty_Conform()
    {
        using (var single = await client.PostAssessmentAsync(Cases.HmgcrStatinExposed))
        {
            single.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var batch = await client.PostAsync(new Uri("/api/v1/assessments/batch", UriKind.Relative), Json.Body("caseId,ck.value\nc1,5000\nc2,90\n", "text/csv")))
        {
            batch.StatusCode.Should().Be(HttpStatusCode.OK);
            await batch.Content.ReadAsStringAsync();
        }

        // CDS Hooks feedback on a card this store recorded (overridden with a reason, accepted) and on one it did not.
        var store = factory.Services.GetRequiredService<DecisionStore>();
        var now = DateTimeOffset.UtcNow;
        var card = Guid.NewGuid().ToString("N");
        await store.RecordCallAsync(
            [new ShownCard(card, "imnm-assessment", "imnm-assessment", "imnm-core@2027.1.0+000000000000", now)],
            new AuditRecord(Guid.NewGuid(), now, "cds", null, "imnm-core@2027.1.0+000000000000", "anti-srp", "meets-criteria", null, 12, 1, 0));
        await store.RecordFeedbackAsync(new FeedbackRecord(Guid.NewGuid().ToString("N"), "imnm-assessment", card, "overridden", "already-treated", 0, now, null));
        await store.RecordFeedbackAsync(new FeedbackRecord(Guid.NewGuid().ToString("N"), "imnm-assessment", card, "accepted", null, 1, now, null));
        await store.RecordFeedbackAsync(new FeedbackRecord(Guid.NewGuid().ToString("N"), "imnm-red-flag", Guid.NewGuid().ToString("N"), "accepted", null, 0, now, null));

        var failures = new List<string>();
        failures.AddRange(await GetAsync("/api/v1/audit/summary", "/api/v1/audit/summary"));
        failures.AddRange(await GetAsync("/api/v1/audit/summary?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z", "/api/v1/audit/summary"));
        failures.AddRange(await GetAsync("/api/v1/feedback/summary", "/api/v1/feedback/summary"));
        failures.AddRange(await GetAsync("/api/v1/feedback/summary?ruleset=other%401.0.0%2B000000000000", "/api/v1/feedback/summary"));
        failures.AddRange(await GetAsync("/api/v1/audit/summary?from=2021-01-02T00:00:00Z&to=2021-01-01T00:00:00Z", "/api/v1/audit/summary", HttpStatusCode.BadRequest));
        failures.AddRange(await GetAsync("/api/v1/feedback/summary?from=ZQ-DATE", "/api/v1/feedback/summary", HttpStatusCode.BadRequest));
        failures.Should().BeEmpty();

        var audit = await client.GetFromJsonNodeAsync("/api/v1/audit/summary");
        audit["entries"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(3, "the summary checked above held entries");
        var feedback = await client.GetFromJsonNodeAsync("/api/v1/feedback/summary");
        feedback["groups"]!.AsArray().Should().HaveCountGreaterThanOrEqualTo(2, "the summary checked above held groups, the unknown card's among them");
    }

    private async Task<IReadOnlyList<string>> GetAsync(string path, string template, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "{0} answered {1}", path, body);
        return Contract.Check("GET", template, response, body);
    }
}
