namespace ImnmDecision.CdsHooks.Services;

/// <summary>The discovery document: <c>{"services":[...]}</c>.</summary>
internal sealed record CdsDiscovery(IReadOnlyList<CdsServiceDescriptor> Services);
