using System.Net;
using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ImnmDecision.Api.Tests.Logging;

/// <summary>The logs say what happened (route, status, subtype, ruleset) and nothing about the patient.</summary>
public sealed class RequestLogTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string PatientCase = """
        {
          "caseId": "PATIENT-SECRET-4711",
          "patient": { "ageYears": 57.25, "sex": "female", "weightKg": 83.7, "pregnant": false },
          "ck": { "value": 12345, "unit": "U/L", "upperLimitOfNormal": 171.5 },
          "antibodies": { "hmgcr": "positive", "srp": "negative" },
          "statin": { "exposure": "current", "drug": "Zocor-SECRET-BRAND" },
          "clinical": { "proximalWeakness": "moderate", "onset": "subacute", "dysphagia": true }
        }
        """;

    private static readonly string[] Secrets = ["PATIENT-SECRET-4711", "83.7", "12345", "57.25", "171.5", "Zocor-SECRET-BRAND", "SECRET"];

    [Fact]
    public async Task Requests_FullOfPatientData_LogRouteStatusAndSubtypeButNoPatientData()
    {
        var sink = new CapturingSink();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink)));
        using var client = logged.CreateClient();

        var ok = await client.PostAssessmentAsync(PatientCase);
        var malformed = await client.PostAssessmentAsync(PatientCase.Replace("\"female\"", "female", StringComparison.Ordinal));
        var invalid = await client.PostAssessmentAsync(PatientCase.Replace("57.25", "157.25", StringComparison.Ordinal));
        var unknownRule = await client.GetAsync(new Uri("/api/v1/rules/PATIENT-SECRET-4711", UriKind.Relative));
        var unknownPath = await client.GetAsync(new Uri("/PATIENT-SECRET-4711/83.7?caseId=PATIENT-SECRET-4711", UriKind.Relative));
        var problem = await unknownPath.ReadProblemAsync(404);

        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknownRule.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownPath.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var subtype = (await ok.ReadJsonAsync())["subtype"]!["code"]!.GetValue<string>();
        var tag = ok.RulesetHeader()!;

        // ElapsedMs is left out: a duration such as "83.7" must not count as a leak.
        var log = sink.Render("ElapsedMs");
        log.Should().Contain("HTTP POST /api/v1/assessments responded 200 in {ElapsedMs} ms: " + subtype);
        log.Should().Contain("HTTP POST /api/v1/assessments responded 400");
        log.Should().Contain("HTTP GET /api/v1/rules/{ruleId} responded 404");
        log.Should().Contain("responded 404").And.Contain(tag);
        log.Should().Contain(problem["traceId"]!.GetValue<string>(), "the traceId of an error answer leads to its log line");
        foreach (var secret in Secrets)
        {
            log.Should().NotContain(secret);
        }

        sink.Events.Count(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)).Should().Be(5, "one line per request");
    }

    [Fact]
    public async Task Assess_RequestLine_CarriesAssessmentIdSubtypeAndRulesetAsProperties()
    {
        var sink = new CapturingSink();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink)));
        using var client = logged.CreateClient();

        var response = await client.PostAssessmentAsync(PatientCase);

        var assessment = await response.ReadJsonAsync();
        var line = sink.Events.Single(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
        line.Properties["Method"].ToString().Should().Be("\"POST\"");
        line.Properties["RouteTemplate"].ToString().Should().Be("\"/api/v1/assessments\"");
        line.Properties["StatusCode"].ToString().Should().Be("200");
        line.Properties["SubtypeCode"].ToString().Should().Be($"\"{assessment["subtype"]!["code"]}\"");
        line.Properties["AssessmentId"].ToString().Should().Contain(assessment["assessmentId"]!.GetValue<string>());
        line.Properties["RulesetVersion"].ToString().Should().Be($"\"{response.RulesetHeader()}\"");
        line.Properties.Should().ContainKey("ElapsedMs");
        line.Properties.Should().ContainKey("TraceId");
        line.Properties.Should().NotContainKey("RequestPath");
    }

    [Fact]
    public async Task Startup_LoadsTheRuleset_LogsItsIdVersionShaAndRuleCount()
    {
        var sink = new CapturingSink();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink)));
        using var client = logged.CreateClient();

        var ruleset = await client.GetFromJsonNodeAsync("/api/v1/ruleset");

        var loaded = sink.Events.Single(e => e.MessageTemplate.Text.StartsWith("Loaded ruleset", StringComparison.Ordinal));
        loaded.Properties["RulesetId"].ToString().Should().Be($"\"{ruleset["id"]}\"");
        loaded.Properties["RulesetVersion"].ToString().Should().Be($"\"{ruleset["version"]}\"");
        loaded.Properties["RulesetSha256"].ToString().Should().Be($"\"{ruleset["sha256"]}\"");
        loaded.Properties["RuleCount"].ToString().Should().Be(ruleset["ruleCount"]!.ToJsonString());
    }
}
