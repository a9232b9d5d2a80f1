using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// <c>imnm-assessment</c> on <c>patient-view</c>: maps the chart's FHIR data to findings, runs the engine and
/// answers with the subtype card and one card per red flag. A chart without CK, antibody or biopsy results
/// gets no card.
/// </summary>
internal sealed class AssessmentService(
    PrefetchTemplates templates,
    PrefetchResolver resolver,
    FhirFindingsMapper mapper,
    FindingsChecker checker,
    AssessmentEngine engine,
    AssessmentCardBuilder cards) : ICdsService
{
    public const string Id = "imnm-assessment";
    public const string Hook = "patient-view";

    public CdsServiceDescriptor Descriptor { get; } = new()
    {
        Hook = Hook,
        Id = Id,
        Title = "IMNM assessment",
        Description = "Suggests an immune-mediated necrotizing myopathy (IMNM) subtype with its certainty, red flags, a workup "
            + "checklist and treatment options, each with citations, from the patient's CK, myositis antibodies, statin "
            + "exposure and muscle biopsy. Decision support for clinicians; not a diagnosis.",
        Prefetch = templates.Assessment.ToDictionary(k => k.Name, k => k.Template, StringComparer.Ordinal),
        UsageRequirements = "Send the prefetch keys, or fhirServer with fhirAuthorization allowing patient/Patient.read, "
            + "patient/Observation.read, patient/MedicationRequest.read, patient/MedicationStatement.read and patient/DiagnosticReport.read.",
    };

    public async Task<CdsServiceOutcome> HandleAsync(CdsServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CheckCall(Hook, Id, out var patientId) is { } refused)
        {
            return refused;
        }

        var resolution = await resolver.ResolveAsync(request, templates.Assessment, cancellationToken);
        if (CdsServiceOutcome.PreconditionFailed(resolution) is { } preconditionFailed)
        {
            return preconditionFailed;
        }

        var tag = engine.Ruleset.Identity.Tag;
        var mapped = mapper.Map(patientId, resolution.Slots);
        var notes = mapped.Notes.ToList();
        var findings = mapped.HasMyositisData ? checker.Check(mapped.Findings, notes) : null;
        if (findings is null)
        {
            return CdsServiceOutcome.Cards(mapped.Incomplete ? new CdsResponse([cards.Incomplete(mapped, tag)]) : CdsResponse.Empty, tag);
        }

        var assessment = engine.Assess(findings);
        return CdsServiceOutcome.Cards(new CdsResponse(cards.Build(assessment, mapped with { Findings = findings, Notes = notes })), tag, assessment);
    }
}
