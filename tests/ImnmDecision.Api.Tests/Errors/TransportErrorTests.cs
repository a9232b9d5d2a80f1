using System.Net.Http.Headers;
using System.Text;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Errors;

/// <summary>Errors before the body is read: size, media type, route, method.</summary>
public sealed class TransportErrorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Assess_DeclaredLengthOverTheLimit_Answers413Problem()
    {
        using var small = factory.WithWebHostBuilder(builder => builder.UseSetting("Api:MaxBodyBytes", "512"));
        using var smallClient = small.CreateClient();
        var body = $$"""{ "caseId": "{{new string('x', 60)}}", "statin": { "drug": "{{new string('y', 600)}}" } }""";

        var response = await smallClient.PostAssessmentAsync(body);

        var problem = await response.ReadProblemAsync(413);
        problem["detail"]!.GetValue<string>().Should().Contain("512");
        response.RulesetHeader().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Assess_StreamedBodyGrowsOverTheLimit_Answers413Problem()
    {
        using var small = factory.WithWebHostBuilder(builder => builder.UseSetting("Api:MaxBodyBytes", "512"));
        using var smallClient = small.CreateClient();
        var bytes = Encoding.UTF8.GetBytes($$"""{ "statin": { "drug": "{{new string('y', 4000)}}" } }""");
        using var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await smallClient.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), content);

        content.Headers.ContentLength.Should().BeNull("this test is about a body without a declared length");
        await response.ReadProblemAsync(413);
    }

    [Fact]
    public async Task Assess_BodyUnderTheLimit_IsAccepted()
    {
        using var small = factory.WithWebHostBuilder(builder => builder.UseSetting("Api:MaxBodyBytes", "512"));
        using var smallClient = small.CreateClient();

        var response = await smallClient.PostAssessmentAsync("""{ "ck": { "value": 5000 } }""");

        response.EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("text/csv")]
    public async Task Assess_NotJson_Answers415Problem(string mediaType)
    {
        var response = await client.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), Json.Body(Cases.HmgcrStatinExposed, mediaType));

        await response.ReadProblemAsync(415);
        response.RulesetHeader().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Assess_NoContentType_Answers415Problem()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Cases.HmgcrStatinExposed));

        var response = await client.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), content);

        await response.ReadProblemAsync(415);
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/assessments")]
    [InlineData("/nothing-here")]
    public async Task Get_UnknownRoute_Answers404Problem(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        await response.ReadProblemAsync(404);
    }

    [Theory]
    [InlineData("POST", "/api/v1/assessments/batch?rawCsv=ZQ-MAYBE", "rawCsv")]
    [InlineData("GET", "/api/v1/audit/summary?from=ZQ-DATE", "from")]
    [InlineData("GET", "/api/v1/feedback/summary?to=ZQ-DATE", "to")]
    public async Task Request_QueryParameterOfTheWrongType_Answers400NamingItWithoutItsValue(string method, string path, string name)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = Json.Body("caseId,ck.value\nc1,5000\n", "text/csv");
        }

        using var response = await client.SendAsync(request);

        var problem = await response.ReadProblemAsync(400);
        problem["detail"]!.GetValue<string>().Should().Contain($"query parameter {name}").And.NotContain("body");
        problem["errors"]!.AsObject().Should().ContainKey(name);
        problem.ToJsonString().Should().NotContain("ZQ-");
    }

    [Fact]
    public async Task Get_OnThePostOnlyAssessments_Answers405Problem()
    {
        var response = await client.GetAsync(new Uri(Json.AssessmentsPath, UriKind.Relative));

        await response.ReadProblemAsync(405);
    }

    [Fact]
    public async Task Get_BrowserAcceptHeader_StillAnswersProblemJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/rules/no-such-rule", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Assess_InvalidFindingsWithBrowserAcceptHeader_StillAnswersProblemJsonWithTraceId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Json.AssessmentsPath, UriKind.Relative))
        {
            Content = Json.Body("""{ "patient": { "ageYears": 130 } }"""),
        };
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!["patient.ageYears"].Should().NotBeNull();
    }
}
