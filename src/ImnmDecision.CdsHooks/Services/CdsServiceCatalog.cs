namespace ImnmDecision.CdsHooks.Services;

/// <summary>The services this door offers, by id.</summary>
internal sealed class CdsServiceCatalog(AssessmentService assessment, StatinOrderService statinOrder)
{
    public IReadOnlyList<ICdsService> All { get; } = [assessment, statinOrder];

    public ICdsService? Find(string id) => All.FirstOrDefault(s => string.Equals(s.Descriptor.Id, id, StringComparison.Ordinal));

    public CdsDiscovery Discovery() => new([.. All.Select(s => s.Descriptor)]);
}
