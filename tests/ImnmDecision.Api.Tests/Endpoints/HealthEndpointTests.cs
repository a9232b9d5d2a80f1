using System.Net;
using ImnmDecision.Api.Endpoints;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Tests.Endpoints;

public sealed class HealthEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Live_Running_Answers200()
    {
        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["status"]!.GetValue<string>().Should().Be("live");
        response.RulesetHeader().Should().BeNull("health probes are outside /api/v1");
    }

    [Fact]
    public async Task Ready_RulesetLoaded_Answers200WithTheRulesetVersion()
    {
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var status = await response.ReadJsonAsync();
        status["status"]!.GetValue<string>().Should().Be("ready");
        var tag = (await client.GetFromJsonNodeAsync("/api/v1/ruleset"))["tag"]!.GetValue<string>();
        status["rulesetVersion"]!.GetValue<string>().Should().Be(tag);
    }

    [Fact]
    public void Ready_NoRulesetLoaded_Answers503Problem()
    {
        var result = HealthEndpoints.Ready(new RulesetState(), new DefaultHttpContext());

        var problem = result.Result.Should().BeOfType<ProblemHttpResult>().Subject;
        problem.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);
    }
}
