namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// The answer for one case: a suggested subtype with its certainty and reasons, red-flag alerts, a workup
/// checklist, treatment options, what is missing, and every source cited. Decision support, not a diagnosis.
/// </summary>
public sealed record Assessment
{
    /// <summary>A new identifier for this answer.</summary>
    public required Guid AssessmentId { get; init; }

    /// <summary>The caller's reference, as sent.</summary>
    public string? CaseId { get; init; }

    /// <summary>
    /// One sentence a clinician can act on: the subtype and its certainty, the critical alerts, and the next
    /// required step. Read it first; everything it says is detailed below.
    /// </summary>
    public required string Summary { get; init; }

    /// <summary>Red flags, most severe first.</summary>
    public required IReadOnlyList<AlertItem> Alerts { get; init; }

    /// <summary>The suggested subtype.</summary>
    public required SubtypeResult Subtype { get; init; }

    /// <summary>The workup checklist, highest priority first.</summary>
    public required IReadOnlyList<WorkupItem> Workup { get; init; }

    /// <summary>Treatment options in plan order; options to avoid are listed with <c>avoid: true</c>.</summary>
    public required IReadOnlyList<TreatmentOption> Treatment { get; init; }

    /// <summary>Absent findings that would change the answer.</summary>
    public required IReadOnlyList<MissingItem> Missing { get; init; }

    /// <summary>
    /// Classification criteria scored beside the subtype (the 2017 EULAR/ACR criteria for idiopathic inflammatory
    /// myopathy): score, probability, category, what unknown items could change, subgroup and items. They never
    /// change the subtype.
    /// </summary>
    public Classifications? Classification { get; init; }

    /// <summary>Exactly the sources cited anywhere in this answer, each once.</summary>
    public required IReadOnlyList<CitationEntry> Citations { get; init; }

    /// <summary>The ruleset that produced this answer.</summary>
    public required RulesetIdentity Ruleset { get; init; }

    /// <summary>Always: decision support for clinicians; not a diagnosis.</summary>
    public required string Disclaimer { get; init; }
}
