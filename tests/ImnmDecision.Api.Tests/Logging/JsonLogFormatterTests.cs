using System.Globalization;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace ImnmDecision.Api.Tests.Logging;

public sealed class JsonLogFormatterTests
{
    [Fact]
    public void Format_RequestLine_WritesOneCompactJsonObjectPerLine()
    {
        var template = new MessageTemplateParser().Parse("HTTP {Method} {RouteTemplate} responded {StatusCode}");
        var logEvent = new LogEvent(
            new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero),
            LogEventLevel.Information,
            exception: null,
            template,
            [
                new LogEventProperty("Method", new ScalarValue("POST")),
                new LogEventProperty("RouteTemplate", new ScalarValue("/api/v1/assessments")),
                new LogEventProperty("StatusCode", new ScalarValue(200)),
            ]);
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        new JsonLogFormatter().Format(logEvent, output);

        var text = output.ToString();
        text.Should().EndWith(Environment.NewLine).And.Subject.TrimEnd().Should().NotContain("\n");
        var json = JsonNode.Parse(text)!.AsObject();
        json["@t"]!.GetValue<string>().Should().StartWith("2026-11-21T08:30:00");
        json["@l"]!.GetValue<string>().Should().Be("Information");
        json["@mt"]!.GetValue<string>().Should().Be("HTTP {Method} {RouteTemplate} responded {StatusCode}");
        json["@m"]!.GetValue<string>().Should().Be("HTTP POST /api/v1/assessments responded 200");
        json["RouteTemplate"]!.GetValue<string>().Should().Be("/api/v1/assessments");
        json["StatusCode"]!.GetValue<int>().Should().Be(200);
    }
}
