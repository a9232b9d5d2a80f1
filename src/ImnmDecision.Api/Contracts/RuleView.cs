using System.Text.Json;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Contracts;

/// <summary>One rule as loaded: its condition in readable form and as written, what it adds, why, and its sources.</summary>
internal sealed record RuleView
{
    /// <summary>Unique id, for example <c>subtype.anti-srp</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What the rule decides: <c>subtype</c>, <c>certainty</c>, <c>alert</c>, <c>treatment</c> or <c>workup</c>.</summary>
    public required RuleKind Kind { get; init; }

    /// <summary>The file it comes from, relative to the rules folder.</summary>
    public required string File { get; init; }

    /// <summary>The condition in readable form, for example <c>antibodies.hmgcr = positive and statin.exposed = true</c>.</summary>
    public required string When { get; init; }

    /// <summary>The condition as written in the rule file: a tree of <c>all</c> / <c>any</c> / <c>not</c> over fact comparisons.</summary>
    public required JsonElement Condition { get; init; }

    /// <summary>What the rule adds when it holds, as written in the rule file.</summary>
    public required JsonElement Then { get; init; }

    /// <summary>Why, in a sentence a clinician can review.</summary>
    public required string Rationale { get; init; }

    /// <summary>The sources the rule cites, in full.</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }
}
