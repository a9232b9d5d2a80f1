using System.Numerics;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// A walk over the conditions of a kind that are true or still to be decided, in order: each group of 64 is
/// decided in one compiled call when the walk reaches it, so the facts the kind sets as it runs are current.
/// </summary>
internal ref struct KindWalk(KindDecisions kind, FactSet facts)
{
    private int chunk = -1;
    private Decisions decisions;
    private ulong visit;

    /// <summary>The condition reached.</summary>
    public int Index { get; private set; }

    public bool MoveNext()
    {
        if (visit == 0 && !NextChunk())
        {
            return false;
        }

        Index = (chunk << 6) + BitOperations.TrailingZeroCount(visit);
        visit &= visit - 1;
        return true;
    }

    /// <summary>Decides the next chunk with a condition to visit; false when there is none.</summary>
    private bool NextChunk()
    {
        while (visit == 0)
        {
            if (++chunk >= kind.Chunks)
            {
                return false;
            }

            decisions = kind.Decide(chunk, facts);
            visit = kind.ToVisit(chunk, decisions);
        }

        return true;
    }

    /// <summary>Whether the condition reached is true, deciding it now (with its missing fields) when it has to be.</summary>
    public readonly bool IsTrue(ref FieldMask missing) => kind.IsTrue(decisions, Index, facts, ref missing);
}
