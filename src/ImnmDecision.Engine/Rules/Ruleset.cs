using System.Collections.Frozen;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Classification;

namespace ImnmDecision.Engine.Rules;

/// <summary>The loaded, validated ruleset: immutable, identified by the SHA-256 of its files.</summary>
public sealed class Ruleset
{
    /// <summary>Identity as every answer reports it.</summary>
    public required RulesetIdentity Identity { get; init; }

    /// <summary>A title for people.</summary>
    public required string Title { get; init; }

    /// <summary>When it was loaded.</summary>
    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>The disclaimer every answer carries.</summary>
    public required string Disclaimer { get; init; }

    /// <summary>The files, relative to the rules folder, in load order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Every rule, in evaluation order (by kind, then file order).</summary>
    public required IReadOnlyList<Rule> Rules { get; init; }

    /// <summary>The citation catalogue, in file order.</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }

    /// <summary>Named parameters.</summary>
    public required IReadOnlyList<Parameter> Parameters { get; init; }

    /// <summary>Named conditions.</summary>
    public required IReadOnlyList<NamedCondition> Conditions { get; init; }

    /// <summary>Risk stratifications that workup items carry (from <c>stratifications.json</c>).</summary>
    public IReadOnlyList<Stratification> Stratifications { get; init; } = [];

    /// <summary>Labels of subtype codes.</summary>
    public required FrozenDictionary<SubtypeCode, string> SubtypeLabels { get; init; }

    /// <summary>Labels of workup items.</summary>
    public required FrozenDictionary<WorkupId, string> WorkupLabels { get; init; }

    /// <summary>Labels of treatment options.</summary>
    public required FrozenDictionary<TreatmentId, string> TreatmentLabels { get; init; }

    /// <summary>Why each input field matters when it is missing.</summary>
    public required FrozenDictionary<string, string> MissingReasons { get; init; }

    /// <summary>The words of every answer's one-sentence summary.</summary>
    public required SummaryWording SummaryWording { get; init; }

    /// <summary>Citations that back each assumption made for a missing field (the default ULN).</summary>
    public required FrozenDictionary<string, IReadOnlyList<string>> AssumptionCitations { get; init; }

    /// <summary>The classification scored beside the subtype (<c>classification.json</c>), or null when the ruleset has none.</summary>
    public ClassificationCriteria? Classification { get; init; }

    /// <summary>Finds a rule by id.</summary>
    public Rule? FindRule(string id) => RuleById.GetValueOrDefault(id);

    /// <summary>Finds a citation by id.</summary>
    public Citation? FindCitation(string id) => CitationById.GetValueOrDefault(id);

    /// <summary>Finds a parameter by name.</summary>
    public Parameter? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    internal FrozenDictionary<string, Rule> RuleById { get; init; } = null!;

    internal FrozenDictionary<string, Citation> CitationById { get; init; } = null!;

    internal Rule<SubtypeAction>[] SubtypeRules { get; init; } = null!;

    internal Rule<CertaintyAction>[] CertaintyRules { get; init; } = null!;

    internal Rule<AlertAction>[] AlertRules { get; init; } = null!;

    internal Rule<TreatmentAction>[] TreatmentRules { get; init; } = null!;

    internal Rule<WorkupAction>[] WorkupRules { get; init; } = null!;

    /// <summary>The order of the answer's lists, computed once here for every case.</summary>
    internal AnswerOrder AnswerOrder { get; init; } = null!;

    internal double DefaultUlnFemale { get; init; }

    internal double DefaultUlnOther { get; init; }

    internal double ChildUnderYears { get; init; }

    /// <summary>The numbers any condition compares <c>ck.timesUln</c> with: stored ratios compare exactly with these.</summary>
    internal IReadOnlyList<double> CkTimesUlnThresholds { get; init; } = [];

    /// <summary>How conditions compare <c>ck.timesUln</c> (operator and number): with both default ULNs, the multiple is known when every comparison holds alike under either.</summary>
    internal IReadOnlyList<(LeafOperator Op, double Value)> CkTimesUlnComparisons { get; init; } = [];
}
