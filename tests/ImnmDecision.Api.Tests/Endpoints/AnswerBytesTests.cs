using System.Net;
using System.Text.Json;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.Endpoints;

/// <summary>
/// The JSON answer of POST /api/v1/assessments, written by the fast answer writer straight into the response, is
/// byte for byte what System.Text.Json writes for the same assessment with the contract's options, for every
/// golden case (the engine's ids fixed so both sides are the same assessment).
/// </summary>
public sealed class AnswerBytesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_golden_case_is_answered_with_the_bytes_the_serializer_writes()
    {
        using var fixedIds = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(sp => new AssessmentEngine(sp.GetRequiredService<Ruleset>(), () => Guid.Empty))));
        using var client = fixedIds.CreateClient();
        var engine = fixedIds.Services.GetRequiredService<AssessmentEngine>();
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "cases"), "*.json");
        files.Should().HaveCountGreaterThan(40);

        foreach (var file in files)
        {
            using var golden = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            var body = golden.RootElement.GetProperty("findings").GetRawText();
            FindingsJson.TryParse(System.Text.Encoding.UTF8.GetBytes(body), out var findings, out _).Should().BeTrue(file);

            using var response = await client.PostAssessmentAsync(body);

            response.StatusCode.Should().Be(HttpStatusCode.OK, file);
            response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
            (await response.Content.ReadAsStringAsync()).Should().Be(JsonSerializer.Serialize(engine.Assess(findings!), ImnmJson.Options), file);
        }
    }
}
