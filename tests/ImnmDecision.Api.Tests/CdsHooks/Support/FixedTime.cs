namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>A clock that says what the test wants; it can be moved.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
