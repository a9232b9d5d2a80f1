using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Benchmarks.Fhir;

/// <summary>
/// Marks each request as allowed to reach a private address, as the CDS Hooks FHIR client does for a server
/// allowed with <c>AllowPrivateNetwork</c>, so that Firely's client goes through the same guarded connect step.
/// </summary>
public sealed class AllowLoopbackHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(GuardedConnector.AllowPrivateNetwork, true);
        return base.SendAsync(request, cancellationToken);
    }
}
