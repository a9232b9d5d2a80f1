using ImnmDecision.Engine.Answers;
using ImnmDecision.Engine.Answers.Fast;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Evaluation.Deciding;

namespace ImnmDecision.Engine;

/// <summary>
/// Every variant of the engine's parts that has speed code beside a plain twin, in one list: how rules are decided
/// (walked or compiled), how a case is checked (FluentValidation or the batch precheck) and how the single
/// answer is written as JSON (the serializer, or field by field with precomputed fragments). The plain variant is
/// the reference; the fast one is what the service and the CLI run. A differential test feeds every variant the
/// same inputs (the golden cases, a generated cohort with invalid rows, the edge values of every field) and
/// requires the same output, byte for byte. The readers and the batch result writers have one implementation each
/// (the schema's reader for JSON, one CSV framing), so they have no variants here.
/// </summary>
public static class EngineVariants
{
    /// <summary>The reference: every condition walked, the validator's checks, the serializer's answer.</summary>
    public static EngineVariant Plain { get; } = new("plain", new WalkedDeciding(), new ValidatorCaseCheck(), new SerializerAnswerWriter());

    /// <summary>What runs: compiled decisions, the precheck, the fragment writer.</summary>
    public static EngineVariant Fast { get; } = new("fast", new CompiledDeciding(), new PrecheckCaseCheck(), new FragmentAnswerWriter());

    /// <summary>All variants, the reference first.</summary>
    public static IReadOnlyList<EngineVariant> All { get; } = [Plain, Fast];
}

/// <summary>One variant: its rule deciding, its case check and its answer writer.</summary>
public sealed class EngineVariant
{
    internal EngineVariant(string name, IConditionDeciding deciding, ICaseCheck check, IAnswerWriter answers)
    {
        Name = name;
        Deciding = deciding;
        Check = check;
        Answers = answers;
    }

    /// <summary>The variant's name.</summary>
    public string Name { get; }

    /// <summary>How it decides rules.</summary>
    internal IConditionDeciding Deciding { get; }

    /// <summary>How it checks a case.</summary>
    public ICaseCheck Check { get; }

    /// <summary>How it writes a single answer as JSON.</summary>
    public IAnswerWriter Answers { get; }

    public override string ToString() => Name;
}
