using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation.Deciding;

/// <summary>
/// How the conditions of one kind are decided ahead of the walk over them: the seam between the plain engine
/// (<see cref="WalkedDeciding"/>: every condition in turn, with its unknown and absent bookkeeping) and its speed
/// code (<see cref="CompiledDeciding"/>). Every variant gives the same answers; <see cref="EngineVariants"/> lists them.
/// </summary>
internal interface IConditionDeciding
{
    /// <summary>The variant's name, for tests and benchmarks.</summary>
    string Name { get; }

    /// <summary>
    /// A call deciding up to 64 <paramref name="conditions"/> at once, or null to leave every one to the walk.
    /// </summary>
    /// <param name="conditions">The chunk's conditions, in order; null for one that always holds.</param>
    /// <param name="kindSlots">The fact slots the kind sets while it runs: conditions reading them wait for the walk.</param>
    /// <param name="firstTrueEnds">The kind ends at its first true condition, so the call may stop there.</param>
    ChunkDecider? Decider(Condition?[] conditions, SlotMask kindSlots, bool firstTrueEnds);

    /// <summary>
    /// The <paramref name="conditions"/> (one bit each) that the <see cref="Decider"/>'s call decides whenever every
    /// fact they read is known: one it leaves undecided reads an unknown fact.
    /// </summary>
    ulong Decidable(Condition?[] conditions, SlotMask kindSlots);
}
