namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// The request feature that marks one of the start-up warm-up's in-memory calls. Only
/// <see cref="CdsHttpWarmUp"/> sets it, on the feature collection it builds itself; a server never does.
/// </summary>
internal sealed class CdsWarmUpRequest
{
    private CdsWarmUpRequest()
    {
    }

    public static CdsWarmUpRequest Instance { get; } = new();
}
