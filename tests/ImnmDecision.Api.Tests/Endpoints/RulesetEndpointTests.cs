using System.Net;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Endpoints;

public sealed class RulesetEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task GetRuleset_Loaded_AnswersIdentityCountsFilesAndParameters()
    {
        var response = await client.GetAsync(new Uri("/api/v1/ruleset", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var ruleset = (await response.ReadJsonAsync()).AsObject();
        ruleset["id"]!.GetValue<string>().Should().Be("imnm-core");
        ruleset["version"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        var sha = ruleset["sha256"]!.GetValue<string>();
        sha.Should().MatchRegex("^[0-9a-f]{64}$");
        ruleset["tag"]!.GetValue<string>().Should().Be($"{ruleset["id"]}@{ruleset["version"]}+{sha[..12]}").And.Be(response.RulesetHeader());
        ruleset["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();

        var byKind = ruleset["ruleCountByKind"]!.AsObject();
        byKind.Select(k => k.Key).Should().BeEquivalentTo("subtype", "certainty", "alert", "treatment", "workup");
        byKind.Sum(k => k.Value!.GetValue<int>()).Should().Be(ruleset["ruleCount"]!.GetValue<int>()).And.BePositive();
        ruleset["citationCount"]!.GetValue<int>().Should().BePositive();
        ruleset["files"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain(["ruleset.json", "citations.json"]);
        DateTimeOffset.Parse(ruleset["loadedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeBefore(DateTimeOffset.UtcNow.AddMinutes(1));
        ruleset["disclaimer"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        var parameter = ruleset["parameters"]!.AsArray().Should().NotBeEmpty().And.Subject.First()!;
        parameter["name"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        parameter["unit"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        parameter["citations"]!.AsArray().Should().NotBeEmpty();
    }
}
