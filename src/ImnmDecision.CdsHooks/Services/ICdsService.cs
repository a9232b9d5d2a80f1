namespace ImnmDecision.CdsHooks.Services;

/// <summary>A CDS Hooks service: its discovery entry and how it answers a call.</summary>
internal interface ICdsService
{
    CdsServiceDescriptor Descriptor { get; }

    Task<CdsServiceOutcome> HandleAsync(CdsServiceRequest request, CancellationToken cancellationToken);
}
