using System.Collections.Frozen;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// The words of an answer's one-sentence summary, from the <c>summary</c> section of <c>ruleset.json</c>: how
/// each certainty and each alert is named in it, and the phrases that introduce the critical alerts and the
/// next required step. The engine only joins them; every clinical word is ruleset data.
/// </summary>
public sealed record SummaryWording
{
    /// <summary>The phrase for each certainty; empty when the certainty is not said (not graded).</summary>
    public required FrozenDictionary<Certainty, string> Certainty { get; init; }

    /// <summary>The short name of each alert.</summary>
    public required FrozenDictionary<AlertId, string> Alerts { get; init; }

    /// <summary>Introduces the critical alerts, for example <c>critical: </c>.</summary>
    public required string Critical { get; init; }

    /// <summary>Introduces the next required step, for example <c>next required step: </c>.</summary>
    public required string Next { get; init; }

    /// <summary>Said when no required step is outstanding.</summary>
    public required string NothingRequired { get; init; }

    /// <summary>
    /// Rules (a treatment or a workup rule) whose item, offered and not avoided or required and outstanding, is the
    /// next step before every other, in this order (IV methylprednisolone, then the red-flag evaluations); empty: the
    /// first immediate option, then the first required outstanding item.
    /// </summary>
    public IReadOnlyList<string> FirstSteps { get; init; } = [];
}
