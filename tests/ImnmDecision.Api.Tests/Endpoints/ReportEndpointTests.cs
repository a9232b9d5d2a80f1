using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Reports;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Tests.Endpoints;

/// <summary>Accept: text/markdown and text/html on POST /api/v1/assessments give the report imnm explain writes.</summary>
public sealed class ReportEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string RedFlagCase = """
        { "caseId": "bed-12 <script>alert(1)</script> & *x*",
          "patient": { "ageYears": 41, "sex": "female", "weightKg": 58 },
          "ck": { "value": 9000, "unit": "U/L", "upperLimitOfNormal": 200 },
          "antibodies": { "hmgcr": "negative", "srp": "positive" },
          "clinical": { "proximalWeakness": "severe", "onset": "subacute", "dysphagia": true, "respiratoryWeakness": true } }
        """;

    private static readonly Lazy<AssessmentEngine> Engine = new(() => new AssessmentEngine(RulesetLoader.Load(RepositoryPaths.Rules)));

    private readonly HttpClient client = factory.CreateClient();

    private async Task<HttpResponseMessage> PostAsync(string json, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Json.AssessmentsPath) { Content = Json.Body(json) };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await client.SendAsync(request);
    }

    private static string Expected(ReportFormat format)
    {
        FindingsJson.TryParse(System.Text.Encoding.UTF8.GetBytes(RedFlagCase), out var findings, out _).Should().BeTrue();
        return AssessmentReport.Render(Engine.Value.Assess(findings!), format);
    }

    [Fact]
    public async Task Assess_AcceptMarkdown_AnswersTheExplainReportAlertsFirstWithLinkedCitations()
    {
        var response = await PostAsync(RedFlagCase, "text/markdown");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.MediaType()!.MediaType.Should().Be("text/markdown");
        response.MediaType()!.CharSet.Should().Be("utf-8");
        response.RulesetHeader().Should().NotBeNullOrEmpty();
        var report = await response.Content.ReadAsStringAsync();
        report.Should().Be(Expected(ReportFormat.Markdown), "the API and imnm explain share one renderer");
        report.Should().StartWith("# IMNM decision support: case bed-12 \\<script\\>alert(1)\\</script\\> \\& \\*x\\*\n\nAnti-SRP IMNM");
        report.IndexOf("## Alerts", StringComparison.Ordinal).Should().BeLessThan(report.IndexOf("## Subtype", StringComparison.Ordinal));
        report.Should().Contain("- **CRITICAL** Respiratory muscle weakness").And.Contain("[\\[1\\]](#ref-1)").And.Contain("1. <a id=\"ref-1\"></a>");
    }

    [Fact]
    public async Task Assess_AcceptMarkdown_CaseIdWithControlCharacters_CarriesNoTerminalEscapes()
    {
        var response = await PostAsync("""{ "caseId": "a\u001b[31mred\u001b]0;title\u0007\b\u009b1m", "ck": { "value": 8400 } }""", "text/markdown");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await response.Content.ReadAsStringAsync();
        report.Where(char.IsControl).Should().OnlyContain(c => c == '\n', "ESC, BEL, backspace and CSI would drive the terminal that prints the report");
        report.Should().StartWith("# IMNM decision support: case a \\[31mred \\]0;title   1m\n");
    }

    [Fact]
    public async Task Assess_AcceptHtml_AnswersAPrintablePageWithEveryTextEncoded()
    {
        var json = (await (await PostAsync(RedFlagCase, null)).ReadJsonAsync()).AsObject();
        var response = await PostAsync(RedFlagCase, "text/html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.MediaType()!.MediaType.Should().Be("text/html");
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Be(Expected(ReportFormat.Html));
        page.Should().StartWith("<!DOCTYPE html>").And.Contain("@media print").And.EndWith("</html>\n");
        page.Should().NotContain("<script").And.Contain("bed-12 &lt;script&gt;alert(1)&lt;/script&gt; &amp; *x*");
        page.IndexOf("<h2>Alerts</h2>", StringComparison.Ordinal).Should().BeLessThan(page.IndexOf("<h2>Subtype</h2>", StringComparison.Ordinal));
        page.Should().Contain("<li class=\"alert alert-critical\">").And.Contain("<a class=\"cite\" href=\"#ref-1\">[1]</a>").And.Contain("<li id=\"ref-1\">");
        foreach (var text in Texts(json))
        {
            page.Should().Contain(HtmlEncoder.Default.Encode(text), "every text of the answer appears HTML-encoded");
        }
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("text/html;q=0.5, text/markdown", "text/markdown")]
    [InlineData("text/html, application/json;q=0.9", "text/html")]
    [InlineData("TEXT/HTML", "text/html")]
    [InlineData("application/xml, text/*;q=0.1", "text/markdown")]
    public async Task Assess_Accept_ChoosesTheHighestQualityForm(string? accept, string expected)
    {
        var response = await PostAsync(Cases.HmgcrStatinExposed, accept);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.MediaType()!.MediaType.Should().Be(expected);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/csv")]
    [InlineData("text/html;q=0, application/pdf")]
    public async Task Assess_AcceptNothingItAnswers_Is406ProblemNamingTheThree(string accept)
    {
        var response = await PostAsync(Cases.HmgcrStatinExposed, accept);

        var problem = await response.ReadProblemAsync(406);
        problem["detail"]!.GetValue<string>().Should().Contain("application/json").And.Contain("text/markdown").And.Contain("text/html");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/markdown")]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    public async Task Assess_AnyAccept_SaysTheAnswerVariesWithAccept(string? accept)
    {
        var response = await PostAsync(Cases.HmgcrStatinExposed, accept);

        response.Headers.Vary.Should().Contain("Accept", "a cache must not hand the HTML report to a caller that asked for JSON");
    }

    [Fact]
    public async Task Assess_InvalidFindingsAskingForHtml_IsStillAProblemDocument()
    {
        var response = await PostAsync("""{ "ck": { "value": -1 } }""", "text/html");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private static IEnumerable<string> Texts(JsonObject answer) =>
        new[] { answer["summary"]!.GetValue<string>(), answer["subtype"]!["label"]!.GetValue<string>() }
            .Concat(answer["alerts"]!.AsArray().Select(a => a!["message"]!.GetValue<string>()))
            .Concat(answer["workup"]!.AsArray().SelectMany(w => new[] { w!["label"]!.GetValue<string>(), w["reason"]!.GetValue<string>() }))
            .Concat(answer["treatment"]!.AsArray().SelectMany(t => t!["cautions"]!.AsArray().Select(c => c!.GetValue<string>()).Append(t["label"]!.GetValue<string>())))
            .Concat(answer["missing"]!.AsArray().Select(m => m!["why"]!.GetValue<string>()))
            .Concat(answer["citations"]!.AsArray().Select(c => c!["title"]!.GetValue<string>().TrimEnd('.')));
}
