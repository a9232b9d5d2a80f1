using System.Net;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// The CDS Hooks door, found by the third fuzz round: an override code the cards never offered is free text from
/// the caller (it may hold anything, a patient's name included); the log already kept it out, but the durable
/// store kept it verbatim, of any length, and the feedback summary served it back. And a wrong method or an
/// address no service has under /cds-services was answered with a problem document, where every other refusal of
/// that door is a FHIR OperationOutcome.
/// </summary>
public sealed class FuzzFeedbackTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    [Fact]
    public async Task Feedback_WithAnOverrideCodeTheCardsNeverOffered_IsNotStoredOrSummarizedVerbatim()
    {
        using var client = factory.CreateClient();
        var code = "ZQPATIENT-SMITH-" + new string('x', 5000);
        var feedback = $$"""
            { "feedback": [ { "card": "{{Guid.NewGuid()}}", "outcome": "overridden",
                "overrideReason": { "reason": { "system": "urn:x", "code": "{{code}}" } },
                "outcomeTimestamp": "{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}" } ] }
            """;

        using var posted = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback);
        posted.StatusCode.Should().Be(HttpStatusCode.OK);

        var summary = (await client.GetFromJsonNodeAsync("/api/v1/feedback/summary")).ToJsonString();
        summary.Should().NotContain("ZQPATIENT").And.Contain("(not an offered code)");
    }

    [Theory]
    [InlineData("GET", "/cds-services/imnm-assessment", 405)]
    [InlineData("DELETE", "/cds-services", 405)]
    [InlineData("GET", "/cds-services/imnm-assessment/feedback", 405)]
    [InlineData("POST", "/cds-services/imnm-assessment/zq", 404)]
    public async Task CdsPath_WrongMethodOrNoSuchAddress_IsAnOperationOutcome(string method, string path, int status)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = Json.Body("{}") };

        using var response = await client.SendAsync(request);

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/fhir+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"OperationOutcome\"");
    }
}
