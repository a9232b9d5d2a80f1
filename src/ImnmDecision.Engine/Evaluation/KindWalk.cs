using System.Numerics;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// A walk over the conditions of a kind that are true or still to be decided, in order: each group of 64 is
/// decided in one compiled call, the first when the walk starts (start it once the kind's own facts are set) and
/// each later one when the walk reaches it, so the facts the kind sets as it runs are current.
/// </summary>
internal ref struct KindWalk
{
    private readonly KindDecisions kind;
    private readonly FactSet facts;
    private int chunk;
    private Decisions decisions;
    private ulong visit;

    /// <summary>Starts a walk, deciding the first chunk (if any) on the facts as they are now.</summary>
    public KindWalk(KindDecisions kind, FactSet facts)
    {
        this.kind = kind;
        this.facts = facts;
        if (kind.Chunks > 0)
        {
            decisions = kind.Decide(0, facts);
            visit = kind.ToVisit(0, decisions);
        }
    }

    /// <summary>The condition reached.</summary>
    public int Index { get; private set; }

    public bool MoveNext()
    {
        // Most kinds have one chunk: when its conditions run out, the walk ends without another call.
        if (visit == 0 && (chunk + 1 >= kind.Chunks || !NextChunk()))
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
