using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>Keeps every log event in memory, rendered as template, message, properties and exception.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Message = new("{Message:lj}", CultureInfo.InvariantCulture);

    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => [.. events];

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    /// <summary>
    /// Everything the events hold as text: the template, the rendered message, every property value (as JSON) and
    /// the exception. <paramref name="except"/> leaves properties out, for example a duration that could
    /// coincide with a number searched for.
    /// </summary>
    public string Render(params string[] except)
    {
        var values = new JsonValueFormatter();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var logEvent in events)
        {
            var kept = logEvent.Properties.Where(p => !except.Contains(p.Key)).Select(p => new LogEventProperty(p.Key, p.Value)).ToArray();
            var filtered = new LogEvent(logEvent.Timestamp, logEvent.Level, logEvent.Exception, logEvent.MessageTemplate, kept);
            text.Write(logEvent.MessageTemplate.Text);
            text.Write(" | ");
            Message.Format(filtered, text);
            foreach (var property in kept)
            {
                text.Write(" | ");
                text.Write(property.Name);
                text.Write('=');
                values.Format(property.Value, text);
            }

            text.Write(logEvent.Exception?.ToString());
            text.WriteLine();
        }

        return text.ToString();
    }
}
