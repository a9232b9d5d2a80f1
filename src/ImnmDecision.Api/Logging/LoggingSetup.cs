using System.Globalization;
using ImnmDecision.Api.Hosting;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Hosting;
using Serilog.Extensions.Logging;

namespace ImnmDecision.Api.Logging;

/// <summary>
/// Serilog as the only log provider: levels from the <c>Serilog</c> configuration section, console output as
/// readable text (<c>Logging:Format=text</c>, the default) or compact JSON (<c>Logging:Format=json</c>), written
/// off the request path (<see cref="BackgroundSink"/>).
/// Further sinks registered as <see cref="ILogEventSink"/> services (tests use one) receive every event too.
/// </summary>
internal static class LoggingSetup
{
    /// <summary>The configuration key that selects the console format.</summary>
    public const string FormatKey = "Logging:Format";

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private const string HostStartFailedMessage = "Hosting failed to start";

    /// <summary>Log events that may wait for the console.</summary>
    private const int ConsoleBuffer = 10_000;

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddImnmLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);

        // ASP.NET's own request logs and their logging scope carry the raw path and query; the API writes its
        // own request line instead (Serilog's request logging, configured in RequestLogging).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", Microsoft.Extensions.Logging.LogLevel.None);

        // Built from the final configuration (command line, environment, test hosts), when logging is first needed.
        builder.Services.AddSingleton(services => CreateLogger(services.GetRequiredService<IConfiguration>(), services.GetServices<ILogEventSink>()));
        builder.Services.AddSingleton<Serilog.ILogger>(services => services.GetRequiredService<Logger>());
        builder.Services.AddSingleton<ILoggerProvider>(services => new SerilogLoggerProvider(services.GetRequiredService<Logger>(), dispose: false));

        // What request logging collects during a request (the ruleset version, the assessment's ids).
        builder.Services.AddSingleton(services => new DiagnosticContext(services.GetRequiredService<Serilog.ILogger>()));
        builder.Services.AddSingleton<IDiagnosticContext>(services => services.GetRequiredService<DiagnosticContext>());
        return builder;
    }

    private static Logger CreateLogger(IConfiguration configuration, IEnumerable<ILogEventSink> extraSinks)
    {
        var format = configuration[FormatKey] is { Length: > 0 } configured ? configured.Trim().ToUpperInvariant() : "TEXT";
        if (format is not ("TEXT" or "JSON"))
        {
            throw new InvalidSettingException($"{FormatKey} must be 'text' or 'json'.");
        }

        // Safe defaults first (ASP.NET's own request logs carry the raw path and query); configuration may override.
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Filter.ByExcluding(IsHostStartFailure)
            .Enrich.FromLogContext()
            .Enrich.With<UnsafePropertyFilter>()
            .Enrich.With<LineBreakEscaper>();

        // The console is written by a background worker (BackgroundSink), so a request never waits for the
        // terminal or the pipe behind stdout; events keep their order, and the worker writes what is left when the
        // logger is disposed at shutdown. Should the console fall ConsoleBuffer events behind, logging waits
        // rather than losing lines.
        logger = logger.WriteTo.Sink(LoggerSinkConfiguration.Wrap(
            console => new BackgroundSink(console, ConsoleBuffer),
            console => _ = format == "JSON"
                ? console.Console(new JsonLogFormatter())
                : console.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture)));
        foreach (var sink in extraSinks)
        {
            logger = logger.WriteTo.Sink(sink);
        }

        return logger.CreateLogger();
    }

    /// <summary>
    /// The host's "Hosting failed to start" event carries the exception with its stack trace; Program.cs reports
    /// the same failure as one fatal line with an exit code instead.
    /// </summary>
    private static bool IsHostStartFailure(LogEvent logEvent) =>
        logEvent.Exception is not null
        && logEvent.MessageTemplate.Text == HostStartFailedMessage
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: HostCategory };
}
