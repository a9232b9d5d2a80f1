using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Mapping;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// Reads, from the FHIR server, the Medications that orders, statements, dispenses and administrations refer to when neither the prefetch
/// (<c>_include</c>) nor a contained resource supplied them, so a statin coded only on the Medication is still
/// recognised. At most <see cref="MaxReads"/> reads per call, inside the hook's time budget.
/// </summary>
internal sealed class MedicationFollowUp(FhirServerClient client)
{
    /// <summary>The most Medications read for one hook call.</summary>
    public const int MaxReads = 10;

    /// <summary>The slot that holds the Medications read.</summary>
    public static readonly PrefetchKey Key = new("referencedMedications", "Medication/{id}", false, "referenced medications");

    /// <summary>The slot with the Medications read, or <c>null</c> when none was needed.</summary>
    public async Task<PrefetchSlot?> FetchAsync(
        FhirServerTarget server, IReadOnlyDictionary<string, PrefetchSlot> slots, string? token, FetchAllowance allowance, CancellationToken budget, CancellationToken caller)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(slots);
        var entries = slots.Values.SelectMany(s => s.Resources).ToList();
        var index = new MedicationIndex(entries);
        var wanted = entries
            .Select(e => (Owner: e.Resource as DomainResource, Medication: MedicationIndex.MedicationOf(e.Resource)))
            .Where(r => r.Owner is not null && r.Medication is ResourceReference && index.Concept(r.Owner, r.Medication).Unresolved)
            .Select(r => FhirValues.Reference((ResourceReference)r.Medication!) is { } target && !target.StartsWith('#') ? DraftMedicationReader.OnServer(target, server) : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Take(MaxReads)
            .ToList();
        if (wanted.Count == 0 || budget.IsCancellationRequested)
        {
            return null;
        }

        var results = await System.Threading.Tasks.Task.WhenAll(wanted.Select(reference => client.FetchAsync(server, reference, token, allowance, budget, caller)));
        var found = results.SelectMany(r => r.Entries).Where(e => e.Resource is Medication).ToList();
        var failed = results.Count(r => !r.Succeeded);
        return new PrefetchSlot(Key, PrefetchState.Fetched, found)
        {
            Truncation = failed > 0 ? $"{failed} referenced medication(s) could not be read; {PrefetchResolver.ServerUnusable}" : null,
        };
    }
}
