using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// Conditions decided together (the rules of one kind, the cautions of one option): compiled into one call per
/// 64 conditions that tells, for each, whether it is certainly true or false (see <see cref="Condition.DecisionExpression"/>). A
/// condition that reads a fact its kind sets as it runs (the alerts raised so far, the options offered so far) is
/// left to be decided in turn, and so is one that needs the unknown and absent bookkeeping. A missing condition is
/// always true.
/// </summary>
internal sealed class KindDecisions
{
    private const int ChunkSize = 64;

    private readonly Condition?[] conditions;
    private readonly ulong[] members;
    private readonly Func<double[], ulong[], Decisions>[]? decideChunks;

    /// <param name="conditions">The conditions, in order (any number); null for one that always holds.</param>
    /// <param name="kindSlots">The fact slots the kind sets while it runs.</param>
    /// <param name="compile">False to decide every condition in turn (for tests that compare the two).</param>
    /// <param name="firstTrueEnds">
    /// The kind ends at its first true condition (subtype, certainty): the call stops there too, and the
    /// conditions after it stay undecided (they are never asked for).
    /// </param>
    public KindDecisions(Condition?[] conditions, SlotMask kindSlots, bool compile, bool firstTrueEnds = false)
    {
        this.conditions = conditions;
        Chunks = (conditions.Length + ChunkSize - 1) / ChunkSize;
        members = [.. Enumerable.Range(0, Chunks).Select(chunk => Math.Min(ChunkSize, conditions.Length - (chunk * ChunkSize)))
            .Select(count => count == ChunkSize ? ulong.MaxValue : (1UL << count) - 1)];
        if (compile)
        {
            decideChunks = [.. Enumerable.Range(0, Chunks).Select(chunk => Compile(chunk * ChunkSize, kindSlots, firstTrueEnds))];
        }
    }

    /// <summary>How many groups of (up to) 64 conditions are decided together.</summary>
    public int Chunks { get; }

    /// <summary>
    /// Decides conditions <paramref name="chunk"/> × 64 onwards (up to 64 of them, one bit each) on the facts as
    /// they are now: call it once the kind's own facts are set, as <see cref="KindWalk"/> does.
    /// </summary>
    public Decisions Decide(int chunk, FactSet facts) => decideChunks is { } all ? all[chunk](facts.Raw, facts.UnknownSlots) : default;

    /// <summary>
    /// The conditions of a chunk that are true or still to be decided, one bit each: the only ones a loop over the
    /// kind has to visit (in order, lowest bit first), since a condition decided false adds nothing, not even a missing field.
    /// </summary>
    public ulong ToVisit(int chunk, in Decisions decisions) => decisions.True | (~decisions.Decided & members[chunk]);

    /// <summary>A walk over the conditions to visit, every chunk in turn.</summary>
    public KindWalk Walk(FactSet facts) => new(this, facts);

    /// <summary>Whether condition <paramref name="index"/> is true: decided already (in its chunk's <paramref name="decisions"/>), or now, in turn, with its missing fields.</summary>
    public bool IsTrue(in Decisions decisions, int index, FactSet facts, ref FieldMask missing) =>
        Truth(decisions, index, facts, ref missing) == Rules.Truth.True;

    /// <summary>The truth of condition <paramref name="index"/> (unknown too): decided already (in its chunk's <paramref name="decisions"/>), or now, in turn, with its missing fields.</summary>
    public Truth Truth(in Decisions decisions, int index, FactSet facts, ref FieldMask missing)
    {
        var bit = 1UL << (index & (ChunkSize - 1));
        if ((decisions.Decided & bit) != 0)
        {
            return (decisions.True & bit) != 0 ? Rules.Truth.True : Rules.Truth.False;
        }

        if (conditions[index] is not { } condition)
        {
            return Rules.Truth.True;
        }

        var outcome = condition.Evaluate(facts);
        missing |= outcome.MissingFields;
        return outcome.Truth;
    }

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

    /// <summary>The call that decides conditions <paramref name="first"/> to <paramref name="first"/> + 63 (or the last).</summary>
    private Func<double[], ulong[], Decisions> Compile(int first, SlotMask kindSlots, bool firstTrueEnds)
    {
        var values = Expression.Parameter(typeof(double[]), "facts");
        var unknown = Expression.Parameter(typeof(ulong[]), "unknownSlots");
        var isTrue = Expression.Variable(typeof(ulong), "isTrue");
        var decided = Expression.Variable(typeof(ulong), "decided");
        var decision = Expression.Variable(typeof(int), "decision");
        var result = typeof(Decisions).GetConstructor([typeof(ulong), typeof(ulong)])!;
        var end = Expression.Label(typeof(Decisions), "end");
        var body = new List<Expression>();
        for (var i = first; i < Math.Min(first + ChunkSize, conditions.Length); i++)
        {
            var bit = Expression.Constant(1UL << (i - first));
            var none = Expression.Constant(0UL);
            if (conditions[i] is not { } condition)
            {
                body.Add(Expression.OrAssign(isTrue, bit));
                body.Add(Expression.OrAssign(decided, bit));
                continue;
            }

            if (condition.Slots.Overlaps(kindSlots))
            {
                continue;
            }

            body.Add(Expression.Assign(decision, condition.DecisionExpression(values, unknown)));
            body.Add(Expression.OrAssign(isTrue, Expression.Condition(Expression.Equal(decision, Expression.Constant(Condition.True)), bit, none)));
            body.Add(Expression.OrAssign(decided, Expression.Condition(Expression.NotEqual(decision, Expression.Constant(Condition.Undecided)), bit, none)));
            if (firstTrueEnds)
            {
                body.Add(Expression.IfThen(
                    Expression.Equal(decision, Expression.Constant(Condition.True)),
                    Expression.Return(end, Expression.New(result, isTrue, decided))));
            }
        }

        body.Add(Expression.Label(end, Expression.New(result, isTrue, decided)));
        return Expression.Lambda<Func<double[], ulong[], Decisions>>(Expression.Block([isTrue, decided, decision], body), values, unknown).Compile();
    }
}

/// <summary>The conditions of a chunk that are decided (one bit each), and which of them are true.</summary>
internal readonly record struct Decisions(ulong True, ulong Decided);
