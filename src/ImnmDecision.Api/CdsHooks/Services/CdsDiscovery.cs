namespace ImnmDecision.Api.CdsHooks.Services;

/// <summary>The discovery document: <c>{"services":[...]}</c>.</summary>
internal sealed record CdsDiscovery(IReadOnlyList<CdsServiceDescriptor> Services);
