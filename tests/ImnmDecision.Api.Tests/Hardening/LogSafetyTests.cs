using System.Net;
using ImnmDecision.Api.Logging;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using Serilog.Events;
using Serilog.Parsing;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>Refused calls log route templates, never raw paths; unknown feedback codes are not logged; no value can break a log line.</summary>
public sealed class LogSafetyTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>, IDisposable
{
    private readonly TestJwt ehr = new(TimeProvider.System);

    public void Dispose() => ehr.Dispose();

    [Fact]
    public async Task RefusedCdsCall_WithALineBreakInThePath_LogsTheRouteTemplateOnly()
    {
        var sink = new CapturingSink();
        var settings = ehr.Settings();
        settings["CdsHooks:RequireJwt"] = "true";
        using var host = factory.With(settings, sink);
        using var client = host.CreateClient();

        using var response = await client.PostJsonAsync("/cds-services/imnm-assessment%0AZQFORGED%20line/feedback", "{}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var log = sink.Render();
        log.Should().Contain("/cds-services/{serviceId}/feedback").And.NotContain("ZQFORGED");
    }

    [Fact]
    public async Task Feedback_WithAnOverrideCodeTheCardsNeverOffered_DoesNotLogIt()
    {
        var sink = new CapturingSink();
        using var host = factory.With(new Dictionary<string, string?>(), sink);
        using var client = host.CreateClient();
        const string feedback = """{ "feedback": [ { "card": "8d7d3c53-2a77-4a4e-9d9e-0f5b3c1f0a11", "outcome": "overridden", "overrideReason": { "reason": { "system": "urn:x", "code": "ZQPATIENT-SMITH" } }, "outcomeTimestamp": "2025-06-15T10:00:00Z" } ] }""";

        using var response = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", feedback);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        sink.Render().Should().Contain("not an offered code").And.NotContain("ZQPATIENT");
    }

    [Fact]
    public void LineBreakEscaper_StringPropertyWithLineBreaks_IsWrittenOnOneLine()
    {
        var logEvent = new LogEvent(
            DateTimeOffset.UnixEpoch,
            LogEventLevel.Information,
            null,
            new MessageTemplateParser().Parse("Value {Value}"),
            [new LogEventProperty("Value", new ScalarValue("a\nFORGED\r\u2028b"))]);

        new LineBreakEscaper().Enrich(logEvent, null!);

        var rendered = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        rendered.Should().NotContain("\n").And.NotContain("\r").And.NotContain("\u2028").And.Contain("a\\nFORGED\\r\\u2028b");
    }
}
