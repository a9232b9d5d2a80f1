using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation.Deciding;

/// <summary>The plain engine: nothing is decided ahead, so the walk evaluates every condition's tree in turn.</summary>
internal sealed class WalkedDeciding : IConditionDeciding
{
    public string Name => "walked";

    public ChunkDecider? Decider(Condition?[] conditions, SlotMask kindSlots, bool firstTrueEnds) => null;

    public ulong Decidable(Condition?[] conditions, SlotMask kindSlots) => 0;
}
