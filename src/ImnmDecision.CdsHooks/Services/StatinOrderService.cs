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
internal sealed class StatinOrderService(
    PrefetchTemplates templates, CdsChartReader chart, CodeBook codes, StatinOrderCardBuilder cards, DraftMedicationReader draftMedications) : ICdsService
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
            + "(or fhirServer with fhirAuthorization allowing patient/Observation.read, and patient/Medication.read for drafts that refer to a Medication).");

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
        var drafts = SelectedDrafts(selections, draftOrders);
        var order = drafts.Statin;
        if (order is null && drafts.Unresolved.Count == 0)
        {
            return CdsServiceOutcome.Cards(CdsResponse.Empty, tag);
        }

        // A draft whose Medication is on the FHIR server is read alongside the chart, within the same time budget and byte cap.
        var allowance = chart.NewAllowance();
        var chartRead = chart.ReadAsync(request, patientId, templates.StatinOrder, allowance, cancellationToken);
        var medicationReads = order is null
            ? await draftMedications.ReadAsync(request, [.. drafts.Unresolved.Select(d => d.Target)], allowance, cancellationToken)
            : [];
        order ??= FetchedStatin(drafts.Unresolved, medicationReads);
        var unread = order is null ? medicationReads.Where(r => r.Medication is null).ToList() : [];
        var (read, resolution, failed) = await chartRead;
        if (order is null && unread.Count == 0)
        {
            return CdsServiceOutcome.Cards(CdsResponse.Empty, tag);
        }

        if (read is not { } mapped)
        {
            return failed!;
        }

        var antibodiesFailed = resolution.Slots[PrefetchTemplates.MyositisAntibodies].Failed;
        if (order is null)
        {
            // The draft could be a statin: say so when it would matter (a positive anti-HMGCR, or no antibody check).
            var gaps = unread.Select(r => new DataGap("The medication of a selected draft order", r.Problem!, true));
            return CdsServiceOutcome.Cards(
                mapped.Hmgcr is { PositiveInRecord: true } || antibodiesFailed
                    ? new CdsResponse([cards.MedicationUnread(mapped with { Gaps = [.. gaps, .. mapped.Gaps] }, tag)])
                    : CdsResponse.Empty,
                tag);
        }

        if (mapped.Hmgcr is not { PositiveInRecord: true } hmgcr)
        {
            return CdsServiceOutcome.Cards(
                antibodiesFailed ? new CdsResponse([cards.CheckIncomplete(order.Value.Drug, mapped, tag)]) : CdsResponse.Empty, tag);
        }

        // The order makes the statin current exposure; the engine then says what applies to this patient.
        var withOrder = mapped.Findings.ToBuilder().Choice("statin.exposure", StatinExposure.Current).Text("statin.drug", order.Value.Drug).Build();
        var notes = mapped.Notes.ToList();
        var findings = chart.Check(withOrder, notes) ?? withOrder;
        var assessment = chart.Assess(findings);
        var evidence = mapped.Evidence.Where(e => !e.StartsWith("Statin:", StringComparison.Ordinal)).ToList();
        var card = cards.Warning(order.Value.Drug, hmgcr, assessment, mapped with { Evidence = evidence, Notes = notes }, order.Value.Reference);
        return CdsServiceOutcome.Cards(new CdsResponse([card]), tag, assessment);
    }

    // The first selected draft MedicationRequest that is a statin, and the selected drafts whose Medication is
    // external and not in draftOrders (to read from the FHIR server). A selection names an order by relative
    // reference (MedicationRequest/id), absolute URL (.../MedicationRequest/id) or the entry's fullUrl.
    private SelectedDrafts SelectedDrafts(IReadOnlyList<string> selections, JsonElement draftOrders)
    {
        var entries = FhirParsing.Page(draftOrders).Entries;
        var medications = new MedicationIndex(entries);
        var unresolved = new List<UnresolvedDraft>();
        foreach (var entry in entries)
        {
            if (entry.Resource is not MedicationRequest order
                || FhirValues.Text(order.StatusElement) is "entered-in-error" or "cancelled"
                || FhirValues.Flag(order.DoNotPerformElement) == true
                || !selections.Any(s => Selects(s, entry)))
            {
                continue;
            }

            var (concept, ingredients, missing) = medications.Resolve(order, order.Medication);
            var display = FhirValues.Text((order.Medication as ResourceReference)?.DisplayElement);
            if (codes.Statins.Match(concept, display, ingredients) is { } match)
            {
                return new SelectedDrafts((match.Ingredient, entry.RelativeReference ?? entry.FullUrl), []);
            }

            if (missing && FhirValues.Reference((ResourceReference)order.Medication) is { } target && !target.StartsWith('#'))
            {
                unresolved.Add(new UnresolvedDraft(target, display, entry.RelativeReference ?? entry.FullUrl));
            }
        }

        return new SelectedDrafts(null, unresolved);
    }

    // The first draft whose Medication, read from the FHIR server, is a statin.
    private (string? Drug, string? Reference)? FetchedStatin(IReadOnlyList<UnresolvedDraft> drafts, IReadOnlyList<DraftMedicationRead> reads)
    {
        foreach (var draft in drafts)
        {
            if (reads.FirstOrDefault(r => r.Reference == draft.Target)?.Medication is { } medication
                && codes.Statins.Match(medication.Code, draft.Display, MedicationIndex.Ingredients(medication)) is { } match)
            {
                return (match.Ingredient, draft.OrderReference);
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
