using System.Text.Json;
using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Codes;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// <c>imnm-statin-order</c> on <c>order-select</c>: when a selected draft order is a statin and the record shows
/// a positive anti-HMGCR antibody (also when a later result was negative), a warning card with the engine's advice for that situation; otherwise no card.
/// </summary>
internal sealed class StatinOrderService(PrefetchTemplates templates, CdsChartReader chart, CodeBook codes, StatinOrderCardBuilder cards) : ICdsService
{
    public const string Id = "imnm-statin-order";
    public const string Hook = "order-select";

    public CdsServiceDescriptor Descriptor { get; } = CdsServiceDescriptor.For(
        Hook,
        Id,
        templates.StatinOrder,
        "Statin order with anti-HMGCR antibodies",
        "Warns when a statin is ordered for a patient whose record shows a positive anti-HMGCR antibody "
            + "(statin-associated immune-mediated necrotizing myopathy), with the ruleset's advice and citations.",
        "Send context.draftOrders with the MedicationRequest drafts, and the myositisAntibodies prefetch "
            + "(or fhirServer with fhirAuthorization allowing patient/Observation.read).");

    public async Task<CdsServiceOutcome> HandleAsync(CdsServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CheckCall(Hook, Id, out var patientId) is { } refused)
        {
            return refused;
        }

        if (!request.Context.TryGetProperty("draftOrders", out var draftOrders) || FhirParsing.ResourceType(draftOrders) != "Bundle")
        {
            return CdsServiceOutcome.BadRequest("context.draftOrders must be a FHIR Bundle of the draft orders.");
        }

        if (!request.Context.TryGetProperty("selections", out var selected) || selected.ValueKind != JsonValueKind.Array
            || selected.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            return CdsServiceOutcome.BadRequest("context.selections is required for order-select: an array of references to the selected draft orders.");
        }

        var tag = chart.RulesetTag;
        var selections = selected.EnumerateArray().Select(s => s.GetString()!).ToList();
        if (SelectedStatin(selections, draftOrders) is not { } order)
        {
            return CdsServiceOutcome.Cards(CdsResponse.Empty, tag);
        }

        var (read, resolution, failed) = await chart.ReadAsync(request, patientId, templates.StatinOrder, cancellationToken);
        if (read is not { } mapped)
        {
            return failed!;
        }

        if (mapped.Hmgcr is not { PositiveInRecord: true } hmgcr)
        {
            var antibodiesFailed = resolution.Slots[PrefetchTemplates.MyositisAntibodies].Failed;
            return CdsServiceOutcome.Cards(
                antibodiesFailed ? new CdsResponse([cards.CheckIncomplete(order.Drug, mapped, tag)]) : CdsResponse.Empty, tag);
        }

        // The order makes the statin current exposure; the engine then says what applies to this patient.
        var withOrder = mapped.Findings.ToBuilder().Choice("statin.exposure", StatinExposure.Current).Text("statin.drug", order.Drug).Build();
        var notes = mapped.Notes.ToList();
        var findings = chart.Check(withOrder, notes) ?? withOrder;
        var assessment = chart.Assess(findings);
        var evidence = mapped.Evidence.Where(e => !e.StartsWith("Statin:", StringComparison.Ordinal)).ToList();
        var card = cards.Warning(order.Drug, hmgcr, assessment, mapped with { Evidence = evidence, Notes = notes }, order.Reference);
        return CdsServiceOutcome.Cards(new CdsResponse([card]), tag, assessment);
    }

    // The first selected draft MedicationRequest that is a statin. A selection names an order by relative
    // reference (MedicationRequest/id), absolute URL (.../MedicationRequest/id) or the entry's fullUrl.
    private (string? Drug, string? Reference)? SelectedStatin(IReadOnlyList<string> selections, JsonElement draftOrders)
    {
        var entries = FhirParsing.Page(draftOrders).Entries;
        var medications = new MedicationIndex(entries);
        foreach (var entry in entries)
        {
            if (entry.Resource is not MedicationRequest order
                || FhirValues.Text(order.StatusElement) is "entered-in-error" or "cancelled"
                || FhirValues.Flag(order.DoNotPerformElement) == true
                || !selections.Any(s => Selects(s, entry)))
            {
                continue;
            }

            var (concept, _) = medications.Concept(order, order.Medication);
            var display = FhirValues.Text((order.Medication as ResourceReference)?.DisplayElement);
            if (codes.Statins.Match(concept, display) is { } match)
            {
                return (match.Ingredient, entry.RelativeReference ?? entry.FullUrl);
            }
        }

        return null;
    }

    private static bool Selects(string selection, FhirEntry entry)
    {
        if (entry.FullUrl is { Length: > 0 } fullUrl && string.Equals(selection, fullUrl, StringComparison.Ordinal))
        {
            return true;
        }

        if (entry.RelativeReference is not { } relative)
        {
            return false;
        }

        var path = Uri.TryCreate(selection, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsolutePath
            : selection;
        path = path.Split('?')[0].TrimEnd('/');
        var history = path.IndexOf("/_history/", StringComparison.Ordinal);
        path = history >= 0 ? path[..history] : path;
        return path == relative || path.EndsWith("/" + relative, StringComparison.Ordinal);
    }
}
