using Microsoft.Extensions.Options;

namespace ImnmDecision.Benchmarks.Fhir;

/// <summary>Options that never change, for services built by hand.</summary>
public sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
