using System.Globalization;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Store;
using Microsoft.Extensions.Options;

namespace ImnmDecision.Api.Hosting;

/// <summary>
/// Turns what stopped start-up into one fatal log line and an exit code (<see cref="StartupExitCodes"/>), so an
/// operator reads what is wrong instead of a stack trace. The line names the cause (every ruleset defect with
/// its file and JSON path, every invalid setting); it never holds patient data, which start-up has none of.
/// </summary>
internal sealed record StartupFailure(int ExitCode, string Reason)
{
    /// <summary>What the exception means for start-up; null for the test host's own stop signal.</summary>
    public static StartupFailure? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is HostAbortedException)
        {
            return null;
        }

        var causes = Flatten(exception).ToList();
        if (causes.OfType<RulesetLoadException>().FirstOrDefault() is { } ruleset)
        {
            var defects = ruleset.Errors.Count == 0 ? ruleset.Message : string.Join("; ", ruleset.Errors);
            return new(StartupExitCodes.RulesetInvalid, $"The ruleset cannot be loaded: {OneLine(defects)}");
        }

        if (causes.OfType<StoreUnavailableException>().FirstOrDefault() is { } store)
        {
            return new(StartupExitCodes.StoreUnavailable, $"The store cannot be used: {OneLine(store.Message)}");
        }

        if (causes.OfType<OptionsValidationException>().FirstOrDefault() is { } options)
        {
            return new(StartupExitCodes.InvalidSetting, $"Invalid setting: {OneLine(string.Join("; ", options.Failures))}");
        }

        if (causes.OfType<InvalidSettingException>().FirstOrDefault() is { } setting)
        {
            return new(StartupExitCodes.InvalidSetting, $"Invalid setting: {OneLine(setting.Message)}");
        }

        // The configuration binder's own words name the key and the type, never the value.
        if (causes.OfType<InvalidOperationException>().FirstOrDefault(e => e.InnerException is FormatException or OverflowException) is { } binding)
        {
            return new(StartupExitCodes.InvalidSetting, $"Invalid setting: {OneLine(binding.Message)}");
        }

        if (causes.OfType<FormatException>().FirstOrDefault() is { } format)
        {
            return new(StartupExitCodes.InvalidSetting, $"A setting is not in the expected format: {OneLine(format.Message)}");
        }

        var root = causes[^1];
        return new(StartupExitCodes.Failed, $"{root.GetType().Name}: {OneLine(root.Message)}");
    }

    /// <summary>Writes the fatal line through the service's own log when it was built, else to standard error.</summary>
    public void Report(IServiceProvider? services)
    {
        var message = $"Start-up failed (exit code {ExitCode}). {Reason}";
        try
        {
            if (services?.GetService<ILoggerFactory>() is { } factory)
            {
                var logger = factory.CreateLogger("ImnmDecision.Api.Startup");
                if (!logger.IsEnabled(LogLevel.Critical))
                {
                    return;
                }

                logger.LogCritical("Start-up failed (exit code {ExitCode}). {StartupFailure}", ExitCode, Reason);
                return;
            }
        }
        catch (InvalidOperationException)
        {
            // The log itself is what failed to build (or is already disposed): fall through to standard error.
        }

        Console.Error.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} FTL] {message}");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
