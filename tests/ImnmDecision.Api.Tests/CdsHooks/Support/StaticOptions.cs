using Microsoft.Extensions.Options;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>Fixed options for unit tests.</summary>
internal sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
