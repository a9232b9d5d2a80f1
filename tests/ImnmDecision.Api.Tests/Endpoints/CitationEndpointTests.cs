using System.Net;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Endpoints;

public sealed class CitationEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task ListCitations_Loaded_AnswersTheCatalogue()
    {
        var response = await client.GetAsync(new Uri("/api/v1/citations", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RulesetHeader().Should().NotBeNullOrEmpty();
        var citations = (await response.ReadJsonAsync()).AsArray();
        var ruleset = await client.GetFromJsonNodeAsync("/api/v1/ruleset");
        citations.Should().HaveCount(ruleset["citationCount"]!.GetValue<int>());
        citations.Select(c => c!["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.Contain("enmc-2018");
        foreach (var citation in citations)
        {
            citation!["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            // Authors are left out when the catalogue does not record them (the DOI names them), never written as a placeholder.
            (citation["authors"] is null || citation["authors"]!.GetValue<string>().Trim().Length > 0).Should().BeTrue();
            citation["container"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            citation["kind"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task GetCitation_KnownId_AnswersIt()
    {
        var response = await client.GetAsync(new Uri("/api/v1/citations/enmc-2018", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var citation = await response.ReadJsonAsync();
        citation["id"]!.GetValue<string>().Should().Be("enmc-2018");
        citation["year"]!.GetValue<int>().Should().BeGreaterThan(2000);
        citation["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task GetCitation_UnknownId_Answers404Problem()
    {
        var response = await client.GetAsync(new Uri("/api/v1/citations/no-such-source", UriKind.Relative));

        await response.ReadProblemAsync(404);
        response.RulesetHeader().Should().NotBeNullOrEmpty();
    }
}
