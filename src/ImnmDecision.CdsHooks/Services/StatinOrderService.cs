using System.Text.Json;
using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// <c>imnm-statin-order</c> on <c>order-select</c>: when a selected draft order is a statin and the record shows
/// a positive anti-HMGCR antibody, a warning card with the engine's advice for that situation; otherwise no card.
/// </summary>
internal sealed class StatinOrderService(
    PrefetchTemplates templates,
    PrefetchResolver resolver,
    FhirFindingsMapper mapper,
    FindingsChecker checker,
    CodeBook codes,
    AssessmentEngine engine,
    StatinOrderCardBuilder cards) : ICdsService
{
    public const string Id = "imnm-statin-order";
    public const string Hook = "order-select";

    public CdsServiceDescriptor Descriptor { get; } = new()
    {
        Hook = Hook,
        Id = Id,
        Title = "Statin order with anti-HMGCR antibodies",
        Description = "Warns when a statin is ordered for a patient whose record shows a positive anti-HMGCR antibody "
            + "(statin-associated immune-mediated necrotizing myopathy), with the ruleset's advice and citations.",
        Prefetch = templates.StatinOrder.ToDictionary(k => k.Name, k => k.Template, StringComparer.Ordinal),
        UsageRequirements = "Send context.draftOrders with the MedicationRequest drafts, and the myositisAntibodies prefetch "
            + "(or fhirServer with fhirAuthorization allowing patient/Observation.read).",
    };

    public async Task<CdsServiceOutcome> HandleAsync(CdsServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CheckCall(Hook, Id, out var patientId) is { } refused)
        {
            return refused;
        }

        if (!request.Context.TryGetProperty("draftOrders", out var draftOrders) || FhirJson.ResourceType(draftOrders) != "Bundle")
        {
            return CdsServiceOutcome.BadRequest("context.draftOrders must be a FHIR Bundle of the draft orders.");
        }

        var tag = engine.Ruleset.Identity.Tag;
        if (SelectedStatin(request.Context, draftOrders) is not { } order)
        {
            return CdsServiceOutcome.Cards(CdsResponse.Empty, tag);
        }

        var resolution = await resolver.ResolveAsync(request, templates.StatinOrder, cancellationToken);
        if (resolution.MissingRequired.Count > 0)
        {
            return CdsServiceOutcome.PreconditionFailed(resolution.MissingRequired);
        }

        var mapped = mapper.Map(patientId, resolution.Slots);
        if (mapped.Hmgcr is not { Result: AntibodyResult.Positive } hmgcr)
        {
            var antibodiesFailed = resolution.Slots[PrefetchTemplates.MyositisAntibodies].Failed;
            return CdsServiceOutcome.Cards(
                antibodiesFailed ? new CdsResponse([cards.CheckIncomplete(order.Drug, mapped, tag)]) : CdsResponse.Empty, tag);
        }

        // The order makes the statin current exposure; the engine then says what applies to this patient.
        var withOrder = mapped.Findings with { Statin = new StatinFindings { Exposure = StatinExposure.Current, Drug = order.Drug } };
        var notes = mapped.Notes.ToList();
        var findings = checker.Check(withOrder, notes) ?? withOrder;
        var assessment = engine.Assess(findings);
        var evidence = mapped.Evidence.Where(e => !e.StartsWith("Statin:", StringComparison.Ordinal)).ToList();
        var card = cards.Warning(order.Drug, hmgcr, assessment, mapped with { Evidence = evidence, Notes = notes }, order.Reference);
        return CdsServiceOutcome.Cards(new CdsResponse([card]), tag);
    }

    // The first selected draft MedicationRequest that is a statin (all drafts when the EHR names no selection).
    private (string? Drug, string? Reference)? SelectedStatin(JsonElement context, JsonElement draftOrders)
    {
        var selections = context.TryGetProperty("selections", out var selected) && selected.ValueKind == JsonValueKind.Array
            ? selected.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var resources = FhirJson.Resources(draftOrders).ToList();
        var medications = StatinMapper.Medications(resources);
        foreach (var resource in resources.Where(r => FhirJson.ResourceType(r) == "MedicationRequest"))
        {
            if (FhirJson.TryRead<FhirMedicationRequest>(resource) is not { } order
                || order.Status is "entered-in-error" or "cancelled"
                || order.DoNotPerform == true)
            {
                continue;
            }

            var reference = order.Id is null ? null : $"MedicationRequest/{order.Id}";
            if (selections.Count > 0 && (reference is null || !selections.Contains(reference)))
            {
                continue;
            }

            var concept = StatinMapper.Concept(order.MedicationCodeableConcept, order.MedicationReference, order.Contained, medications);
            if (codes.Statins.Match(concept, order.MedicationReference?.Display) is { } match)
            {
                return (match.Ingredient, reference);
            }
        }

        return null;
    }
}
