namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>What must hold for one workup item or treatment option; every field optional.</summary>
public sealed record ItemExpectation
{
    public string? Priority { get; init; }

    public string? Status { get; init; }

    public string? Role { get; init; }

    public bool? Avoid { get; init; }
}
