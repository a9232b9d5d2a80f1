using System.Text.Json.Nodes;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// One rule as loaded: when it holds, what it adds, why, and its sources. Each kind's rules are a
/// <see cref="Rule{TAction}"/> with that kind's action, so code that handles one kind reads its action typed.
/// </summary>
public abstract class Rule
{
    private protected Rule()
    {
    }

    /// <summary>Unique id, for example <c>subtype.anti-srp</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What it decides.</summary>
    public required RuleKind Kind { get; init; }

    /// <summary>The condition.</summary>
    public required Condition When { get; init; }

    /// <summary>What it adds when it holds.</summary>
    public RuleAction Then => UntypedAction;

    /// <summary>The kind's action, as its base type.</summary>
    private protected abstract RuleAction UntypedAction { get; }

    /// <summary>Why, in a sentence a clinician can review.</summary>
    public required string Rationale { get; init; }

    /// <summary>Citation ids (at least one).</summary>
    public required IReadOnlyList<string> Citations { get; init; }

    /// <summary>The file it came from, relative to the rules folder.</summary>
    public required string File { get; init; }

    /// <summary>The <c>when</c> tree as written.</summary>
    public required JsonNode WhenJson { get; init; }

    /// <summary>The <c>then</c> object as written.</summary>
    public required JsonNode ThenJson { get; init; }

    /// <summary>The facts the condition reads, in reading order.</summary>
    public required IReadOnlyList<FactDefinition> FactsRead { get; init; }

    /// <summary>Position among the rules of its kind.</summary>
    public int Order { get; init; }
}
