using System.Text.Json;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// A rule's condition as it came out for this case, node for node as the rule is written: a fact test shows the
/// fact, the operator, the value the rule expects and the value seen (<c>null</c> when unknown); <c>all</c>,
/// <c>any</c> and <c>not</c> hold their parts; a named condition (<c>ref</c>) shows its name and its condition
/// in <c>when</c>. Every node has its three-valued <c>result</c>: <c>true</c>, <c>false</c> or <c>unknown</c>
/// (a test on a missing finding is unknown, never false). Facts the answer builds as it goes (the alerts raised,
/// the options offered, the workup outstanding) show their final value; a rule only tests members of them that
/// earlier rules decided, so its result is the one the rule had.
/// </summary>
public sealed record ConditionTrace
{
    /// <summary>A fact test: the fact read.</summary>
    public string? Fact { get; init; }

    /// <summary>A fact test: the operator (<c>eq</c>, <c>gte</c>, <c>in</c>, <c>known</c>, ...).</summary>
    public string? Op { get; init; }

    /// <summary>A fact test: the value the rule compares with, as written (a named parameter's value for <c>param</c>).</summary>
    public JsonElement? Value { get; init; }

    /// <summary>A fact test against a named parameter: the parameter's name.</summary>
    public string? Param { get; init; }

    /// <summary>A fact test: the value seen for this case; <c>null</c> when it is unknown.</summary>
    public JsonElement? Actual { get; init; }

    /// <summary>Parts that must all hold.</summary>
    public IReadOnlyList<ConditionTrace>? All { get; init; }

    /// <summary>Parts of which one must hold.</summary>
    public IReadOnlyList<ConditionTrace>? Any { get; init; }

    /// <summary>The part that must not hold.</summary>
    public ConditionTrace? Not { get; init; }

    /// <summary>A named condition from the ruleset: its name.</summary>
    public string? Ref { get; init; }

    /// <summary>A named condition: its condition.</summary>
    public ConditionTrace? When { get; init; }

    /// <summary>How this node came out: <c>true</c>, <c>false</c> or <c>unknown</c>.</summary>
    public required Truth Result { get; init; }
}
