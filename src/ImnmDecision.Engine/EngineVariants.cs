using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Evaluation.Deciding;

namespace ImnmDecision.Engine;

/// <summary>
/// Every variant of the engine's parts that has speed code beside a plain twin, in one list: how rules are decided
/// (walked or compiled) and how a case is checked (FluentValidation or the batch precheck). The plain variant is
/// the reference; the fast one is what the service and the CLI run. A differential test feeds every variant the
/// same inputs (the golden cases, a generated cohort with invalid rows, the edge values of every field) and
/// requires the same output. The readers and result writers have one implementation each (the schema's reader
/// for JSON, one CSV framing), so they have no variants here.
/// </summary>
public static class EngineVariants
{
    /// <summary>The reference: every condition walked, the validator's checks.</summary>
    public static EngineVariant Plain { get; } = new("plain", new WalkedDeciding(), new ValidatorCaseCheck());

    /// <summary>What runs: compiled decisions, the precheck.</summary>
    public static EngineVariant Fast { get; } = new("fast", new CompiledDeciding(), new PrecheckCaseCheck());

    /// <summary>All variants, the reference first.</summary>
    public static IReadOnlyList<EngineVariant> All { get; } = [Plain, Fast];
}

/// <summary>One variant: its rule deciding and its case check.</summary>
public sealed class EngineVariant
{
    internal EngineVariant(string name, IConditionDeciding deciding, ICaseCheck check)
    {
        Name = name;
        Deciding = deciding;
        Check = check;
    }

    /// <summary>The variant's name.</summary>
    public string Name { get; }

    /// <summary>How it decides rules.</summary>
    internal IConditionDeciding Deciding { get; }

    /// <summary>How it checks a case.</summary>
    public ICaseCheck Check { get; }

    public override string ToString() => Name;
}
