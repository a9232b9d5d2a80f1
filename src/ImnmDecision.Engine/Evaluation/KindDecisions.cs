using System.Numerics;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Evaluation.Deciding;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// Conditions decided together (the rules of one kind, the cautions of one option): per 64 conditions, a call
/// (from the engine variant's <see cref="IConditionDeciding"/>) may tell ahead of the walk, for each, whether it is
/// certainly true or false (see <see cref="Condition.DecisionExpression"/>). A
/// condition that reads a fact its kind sets as it runs (the alerts raised so far, the options offered so far) is
/// left to be decided in turn, and so is one that needs the unknown and absent bookkeeping. A missing condition is
/// always true.
/// </summary>
internal sealed class KindDecisions
{
    private const int ChunkSize = 64;

    private readonly Condition?[] conditions;
    private readonly ulong[] members;
    private readonly ChunkDecider?[] decideChunks;

    // Per chunk, the conditions its call decides whenever every fact they read is known: one of them left
    // undecided reads an unknown fact.
    private readonly ulong[] decidable;

    /// <param name="conditions">The conditions, in order (any number); null for one that always holds.</param>
    /// <param name="kindSlots">The fact slots the kind sets while it runs.</param>
    /// <param name="deciding">How conditions are decided ahead of the walk (see <see cref="EngineVariants"/>).</param>
    /// <param name="firstTrueEnds">
    /// The kind ends at its first true condition (subtype, certainty): the call stops there too, and the
    /// conditions after it stay undecided (they are never asked for).
    /// </param>
    public KindDecisions(Condition?[] conditions, SlotMask kindSlots, IConditionDeciding deciding, bool firstTrueEnds = false)
    {
        this.conditions = conditions;
        Chunks = (conditions.Length + ChunkSize - 1) / ChunkSize;
        members = [.. Enumerable.Range(0, Chunks).Select(chunk => Math.Min(ChunkSize, conditions.Length - (chunk * ChunkSize)))
            .Select(count => count == ChunkSize ? ulong.MaxValue : (1UL << count) - 1)];
        var chunks = Enumerable.Range(0, Chunks)
            .Select(chunk => conditions.AsSpan(chunk * ChunkSize, Math.Min(ChunkSize, conditions.Length - (chunk * ChunkSize))).ToArray())
            .ToArray();
        decideChunks = [.. chunks.Select(chunk => deciding.Decider(chunk, kindSlots, firstTrueEnds))];
        decidable = [.. chunks.Select(chunk => deciding.Decidable(chunk, kindSlots))];
    }

    /// <summary>How many groups of (up to) 64 conditions are decided together.</summary>
    public int Chunks { get; }

    /// <summary>
    /// Decides conditions <paramref name="chunk"/> × 64 onwards (up to 64 of them, one bit each) on the facts as
    /// they are now: call it once the kind's own facts are set, and for each later chunk when a loop over the kind
    /// reaches it, so that the facts the kind sets as it runs are current:
    /// <code>
    /// for (var chunk = 0; chunk &lt; kind.Chunks; chunk++)
    /// {
    ///     var decisions = kind.Decide(chunk, facts);
    ///     for (var visit = kind.ToVisit(chunk, decisions); visit != 0; visit &amp;= visit - 1)
    ///     {
    ///         var i = KindDecisions.IndexOf(chunk, visit); // then kind.IsTrue(decisions, i, facts, ref missing)
    ///     }
    /// }
    /// </code>
    /// </summary>
    public Decisions Decide(int chunk, FactSet facts) => decideChunks[chunk] is { } decide ? decide(facts.Raw, facts.UnknownSlots) : default;

    /// <summary>
    /// The conditions of a chunk that are true or still to be decided, one bit each: the only ones a loop over the
    /// kind has to visit (in order, lowest bit first), since a condition decided false adds nothing, not even a missing field.
    /// </summary>
    public ulong ToVisit(int chunk, in Decisions decisions) => decisions.True | (~decisions.Decided & members[chunk]);

    /// <summary>The index of the condition a chunk's visit mask reaches first (its lowest bit).</summary>
    public static int IndexOf(int chunk, ulong visit) => (chunk << 6) + BitOperations.TrailingZeroCount(visit);

    /// <summary>Whether condition <paramref name="index"/> is true: decided already (in its chunk's <paramref name="decisions"/>), or now, in turn, with its missing fields.</summary>
    public bool IsTrue(in Decisions decisions, int index, FactSet facts, ref FieldMask missing) =>
        Truth(decisions, index, facts, ref missing) == Rules.Truth.True;

    /// <summary>The truth of condition <paramref name="index"/> (unknown too): decided already (in its chunk's <paramref name="decisions"/>), or now, in turn, with its missing fields.</summary>
    public Truth Truth(in Decisions decisions, int index, FactSet facts, ref FieldMask missing)
    {
        var bit = 1UL << (index & (ChunkSize - 1));
        return (decisions.Decided & bit) != 0
            ? (decisions.True & bit) != 0 ? Rules.Truth.True : Rules.Truth.False
            : Evaluate(conditions[index], (decidable[index >> 6] & bit) != 0, facts, ref missing);
    }

    /// <summary>
    /// A condition's truth with its missing fields, now. One the call could decide but left undecided reads an
    /// unknown fact, so it goes straight to the unknown and absent bookkeeping.
    /// </summary>
    private static Truth Evaluate(Condition? condition, bool readsUnknown, FactSet facts, ref FieldMask missing) =>
        condition is null ? Rules.Truth.True
        : readsUnknown ? condition.DecideWithSomeUnknown(facts, ref missing)
        : condition.Decide(facts, ref missing);

    /// <summary>The truth of every condition, in order, with their missing fields (the cautions of an option).</summary>
    public void DecideEach(FactSet facts, Span<Truth> truths, ref FieldMask missing)
    {
        var decisions = default(Decisions);
        for (var i = 0; i < conditions.Length; i++)
        {
            if ((i & (ChunkSize - 1)) == 0)
            {
                decisions = Decide(i / ChunkSize, facts);
            }

            truths[i] = Truth(decisions, i, facts, ref missing);
        }
    }
}

/// <summary>The conditions of a chunk that are decided (one bit each), and which of them are true.</summary>
internal readonly record struct Decisions(ulong True, ulong Decided);

/// <summary>Decides up to 64 conditions at once on a fact set's values and unknown slots.</summary>
internal delegate Decisions ChunkDecider(double[] facts, ulong[] unknownSlots);
