using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// The steps every CDS service takes between the call and its cards: the ruleset in use, the chart read (the
/// service's prefetch keys resolved within the fetch budget, then mapped to findings for the patient, or the
/// 412 when required data could not be had), the findings checked and the engine run.
/// </summary>
internal sealed class CdsChartReader(PrefetchResolver resolver, FhirFindingsMapper mapper, FindingsChecker checker, AssessmentEngine engine)
{
    /// <summary>The ruleset's tag, for the cards and the audit.</summary>
    public string RulesetTag => engine.Ruleset.Identity.Tag;

    /// <summary>The chart mapped for the patient, with its resolution; or the outcome to answer instead (412).</summary>
    public Task<(MappedCase? Mapped, PrefetchResolution Resolution, CdsServiceOutcome? Refused)> ReadAsync(
        CdsServiceRequest request, string patientId, IReadOnlyList<PrefetchKey> keys, CancellationToken cancellationToken) =>
        ReadAsync(request, patientId, keys, resolver.NewAllowance(), cancellationToken);

    /// <summary>The same, reading from the FHIR server within <paramref name="allowance"/>, shared with the hook's other reads.</summary>
    public async Task<(MappedCase? Mapped, PrefetchResolution Resolution, CdsServiceOutcome? Refused)> ReadAsync(
        CdsServiceRequest request, string patientId, IReadOnlyList<PrefetchKey> keys, FetchAllowance allowance, CancellationToken cancellationToken)
    {
        var resolution = await resolver.ResolveAsync(request, keys, allowance, cancellationToken);
        return CdsServiceOutcome.PreconditionFailed(resolution) is { } refused
            ? (null, resolution, refused)
            : (mapper.Map(patientId, resolution.Slots), resolution, null);
    }

    /// <summary>A fresh per-hook byte allowance for reads from the FHIR server.</summary>
    public FetchAllowance NewAllowance() => resolver.NewAllowance();

    /// <summary>The findings the engine may use (see <see cref="FindingsChecker"/>); <c>null</c> when none are.</summary>
    public Findings? Check(Findings findings, ICollection<string> notes) => checker.Check(findings, notes);

    /// <summary>The engine's assessment of the findings.</summary>
    public Assessment Assess(Findings findings) => engine.Assess(findings);
}
