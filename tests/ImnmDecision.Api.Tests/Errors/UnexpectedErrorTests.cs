using FluentValidation;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Cases;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.Errors;

public sealed class UnexpectedErrorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Assess_HandlerFails_Answers500WithoutStackTraceOrInput()
    {
        using var failing = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IValidator<Findings>, ThrowingValidator>()));
        using var client = failing.CreateClient();

        var response = await client.PostAssessmentAsync("""{ "caseId": "PATIENT-SECRET-2255", "ck": { "value": 31337 } }""");

        var problem = await response.ReadProblemAsync(500);
        var text = problem.ToJsonString();
        text.Should().NotContain("PATIENT-SECRET").And.NotContain("31337").And.NotContain("77777");
        text.Should().NotContain("InvalidOperationException").And.NotContain(" at ").And.NotContain(".cs:");
        problem.Select(p => p.Key).Should().BeEquivalentTo("type", "title", "status", "detail", "traceId");
        response.RulesetHeader().Should().NotBeNullOrEmpty();
    }
}
