using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// <c>imnm-assessment</c> on <c>patient-view</c>: maps the chart's FHIR data to findings, runs the engine and
/// answers with the subtype card and one card per red flag. A chart without CK, antibody or biopsy results
/// gets no card.
/// </summary>
internal sealed class AssessmentService(PrefetchTemplates templates, CdsChartReader chart, AssessmentCardBuilder cards) : ICdsService
{
    public const string Id = "imnm-assessment";
    public const string Hook = "patient-view";

    public CdsServiceDescriptor Descriptor { get; } = CdsServiceDescriptor.For(
        Hook,
        Id,
        templates.Assessment,
        "IMNM assessment",
        "Suggests an immune-mediated necrotizing myopathy (IMNM) subtype with its certainty, red flags, a workup "
            + "checklist and treatment options, each with citations, from the patient's CK, myositis antibodies, statin "
            + "exposure and muscle biopsy. Decision support for clinicians; not a diagnosis.",
        "Send the prefetch keys, or fhirServer with fhirAuthorization allowing patient/Patient.read, "
            + "patient/Observation.read, patient/MedicationRequest.read, patient/MedicationStatement.read, patient/MedicationDispense.read, "
            + "patient/MedicationAdministration.read, patient/DiagnosticReport.read and patient/Condition.read.");

    public async Task<CdsServiceOutcome> HandleAsync(CdsServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CheckCall(Hook, Id, out var patientId) is { } refused)
        {
            return refused;
        }

        var (read, _, failed) = await chart.ReadAsync(request, patientId, templates.Assessment, cancellationToken);
        if (read is not { } mapped)
        {
            return failed!;
        }

        var tag = chart.RulesetTag;
        var notes = mapped.Notes.ToList();
        var findings = mapped.HasMyositisData ? chart.Check(mapped.Findings, notes) : null;
        if (findings is null)
        {
            return CdsServiceOutcome.Cards(mapped.Incomplete ? new CdsResponse([cards.Incomplete(mapped, tag)]) : CdsResponse.Empty, tag);
        }

        var assessment = chart.Assess(findings);
        return CdsServiceOutcome.Cards(new CdsResponse(cards.Build(assessment, mapped with { Findings = findings, Notes = notes })), tag, assessment);
    }
}
