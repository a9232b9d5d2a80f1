using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>A logger that keeps each message with its level, for tests of what a component logs.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
