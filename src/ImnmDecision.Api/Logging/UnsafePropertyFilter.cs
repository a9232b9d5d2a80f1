using Serilog.Core;
using Serilog.Events;

namespace ImnmDecision.Api.Logging;

/// <summary>
/// Removes the properties ASP.NET attaches from the request line itself (the raw path and query, which can
/// carry identifiers) to every event logged during a request. Defence in depth: the hosting scope that adds
/// them is also switched off in <see cref="LoggingSetup"/>.
/// </summary>
internal sealed class UnsafePropertyFilter : ILogEventEnricher
{
    private static readonly string[] Unsafe = ["RequestPath", "QueryString", "HostingRequestStartingLog"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var name in Unsafe)
        {
            logEvent.RemovePropertyIfPresent(name);
        }
    }
}
