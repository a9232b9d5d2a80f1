using System.Net;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Pinning;

/// <summary>X-Ruleset-Version: sent on every v1 answer; a request pinning another ruleset gets 409.</summary>
public sealed class RulesetVersionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("/api/v1/ruleset")]
    [InlineData("/api/v1/rules")]
    [InlineData("/api/v1/citations")]
    [InlineData("/api/v1/citations/enmc-2018")]
    public async Task Get_AnyV1Endpoint_SendsTheRulesetHeader(string path)
    {
        var tag = await LoadedTagAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RulesetHeader().Should().Be(tag);
    }

    [Fact]
    public async Task Assess_PinsTheLoadedRuleset_Answers200()
    {
        var tag = await LoadedTagAsync();
        using var request = AssessRequest(tag);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RulesetHeader().Should().Be(tag);
    }

    [Fact]
    public async Task Assess_PinsAnotherRuleset_Answers409NamingBoth()
    {
        var tag = await LoadedTagAsync();
        using var request = AssessRequest("imnm-core@1999.1.0+000000000000");

        var response = await client.SendAsync(request);

        var problem = await response.ReadProblemAsync(409);
        problem["detail"]!.GetValue<string>().Should().Contain("imnm-core@1999.1.0+000000000000").And.Contain(tag);
        problem["requestedRulesetVersion"]!.GetValue<string>().Should().Be("imnm-core@1999.1.0+000000000000");
        problem["loadedRulesetVersion"]!.GetValue<string>().Should().Be(tag);
        response.RulesetHeader().Should().Be(tag);
    }

    [Fact]
    public async Task Get_PinsAnotherRuleset_Answers409()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/rules", UriKind.Relative));
        request.Headers.Add("X-Ruleset-Version", "other@1+abc");

        var response = await client.SendAsync(request);

        await response.ReadProblemAsync(409);
    }

    [Fact]
    public async Task Get_PinsAnotherRulesetInTheQuery_Answers409()
    {
        var response = await client.GetAsync(new Uri("/api/v1/citations?rulesetVersion=other@1%2Babc", UriKind.Relative));

        var problem = await response.ReadProblemAsync(409);
        problem["requestedRulesetVersion"]!.GetValue<string>().Should().Be("other@1+abc");
    }

    [Fact]
    public async Task Assess_PinsAnotherRulesetWithABadBody_Answers409BeforeReadingIt()
    {
        using var request = AssessRequest("other@1+abc", body: "{ not json");

        var response = await client.SendAsync(request);

        await response.ReadProblemAsync(409);
    }

    private static HttpRequestMessage AssessRequest(string pin, string body = Cases.HmgcrStatinExposed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Json.AssessmentsPath, UriKind.Relative)) { Content = Json.Body(body) };
        request.Headers.Add("X-Ruleset-Version", pin);
        return request;
    }

    private async Task<string> LoadedTagAsync() => (await client.GetFromJsonNodeAsync("/api/v1/ruleset"))["tag"]!.GetValue<string>();
}
