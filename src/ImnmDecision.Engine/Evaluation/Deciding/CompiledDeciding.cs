using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation.Deciding;

/// <summary>
/// The engine's speed code for rules: each chunk of up to 64 conditions compiled (System.Linq.Expressions) into
/// one call that tells, for each, whether it is certainly true or false when every fact it reads is known, or false
/// whatever the unknown facts are. Anything else, and any condition reading a fact its kind sets as it runs, is
/// left to the walk, which then gives exactly what <see cref="WalkedDeciding"/> gives.
/// </summary>
internal sealed class CompiledDeciding : IConditionDeciding
{
    public string Name => "compiled";

    public ChunkDecider? Decider(Condition?[] conditions, SlotMask kindSlots, bool firstTrueEnds)
    {
        var values = Expression.Parameter(typeof(double[]), "facts");
        var unknown = Expression.Parameter(typeof(ulong[]), "unknownSlots");
        var isTrue = Expression.Variable(typeof(ulong), "isTrue");
        var decided = Expression.Variable(typeof(ulong), "decided");
        var decision = Expression.Variable(typeof(int), "decision");
        var result = typeof(Decisions).GetConstructor([typeof(ulong), typeof(ulong)])!;
        var decidable = Decidable(conditions, kindSlots);
        var end = Expression.Label(typeof(Decisions), "end");
        // One bounds check each up front, at the highest index any condition reads: the JIT then drops the checks of
        // every later read at a constant index below it.
        var body = new List<Expression>
        {
            Expression.ArrayIndex(values, Expression.Constant(FactCatalog.All.Count - 1)),
            Expression.ArrayIndex(unknown, Expression.Constant(SlotMask.WordsFor(FactCatalog.All.Count) - 1)),
        };
        for (var i = 0; i < conditions.Length; i++)
        {
            var bit = Expression.Constant(1UL << i);
            var none = Expression.Constant(0UL);
            if (conditions[i] is not { } condition)
            {
                body.Add(Expression.OrAssign(isTrue, bit));
                body.Add(Expression.OrAssign(decided, bit));
                continue;
            }

            if ((decidable & (1UL << i)) == 0)
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
        return Expression.Lambda<ChunkDecider>(Expression.Block([isTrue, decided, decision], body), values, unknown).Compile();
    }

    /// <summary>Every condition but those reading a fact the kind sets as it runs (they wait for the walk).</summary>
    public ulong Decidable(Condition?[] conditions, SlotMask kindSlots) =>
        Enumerable.Range(0, conditions.Length)
            .Where(i => conditions[i] is { } condition && !condition.Slots.Overlaps(kindSlots))
            .Aggregate(0UL, (mask, i) => mask | (1UL << i));
}
