using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// Conditions decided together (the rules of one kind, the cautions of one option): compiled into one call that
/// tells, for each, whether it is certainly true or false (see <see cref="Condition.DecisionExpression"/>). A
/// condition that reads a fact its kind sets as it runs (the alerts raised so far, the options offered so far) is
/// left to be decided in turn, and so is one that needs the unknown and absent bookkeeping. A missing condition is
/// always true.
/// </summary>
internal sealed class KindDecisions
{
    private readonly Condition?[] conditions;
    private readonly ulong all;
    private readonly Func<double[], ulong, Decisions>? decideAll;

    /// <param name="conditions">The conditions, in order (at most 64); null for one that always holds.</param>
    /// <param name="kindSlots">The fact slots the kind sets while it runs.</param>
    /// <param name="compile">False to decide every condition in turn (for tests that compare the two).</param>
    /// <param name="firstTrueEnds">
    /// The kind ends at its first true condition (subtype, certainty): the call stops there too, and the
    /// conditions after it stay undecided (they are never asked for).
    /// </param>
    public KindDecisions(Condition?[] conditions, ulong kindSlots, bool compile, bool firstTrueEnds = false)
    {
        if (conditions.Length > 64)
        {
            throw new InvalidOperationException("More than 64 conditions to decide together; widen the decision masks.");
        }

        this.conditions = conditions;
        all = conditions.Length == 64 ? ulong.MaxValue : (1UL << conditions.Length) - 1;
        if (!compile)
        {
            return;
        }

        var values = Expression.Parameter(typeof(double[]), "facts");
        var unknown = Expression.Parameter(typeof(ulong), "unknownSlots");
        var isTrue = Expression.Variable(typeof(ulong), "isTrue");
        var decided = Expression.Variable(typeof(ulong), "decided");
        var decision = Expression.Variable(typeof(int), "decision");
        var result = typeof(Decisions).GetConstructor([typeof(ulong), typeof(ulong)])!;
        var end = Expression.Label(typeof(Decisions), "end");
        var body = new List<Expression>();
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

            if ((condition.Slots & kindSlots) != 0)
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
        decideAll = Expression.Lambda<Func<double[], ulong, Decisions>>(Expression.Block([isTrue, decided, decision], body), values, unknown).Compile();
    }

    /// <summary>Decides the conditions on the facts as they are now (call it once the kind's own facts are set).</summary>
    [MethodImpl(PerRow.Optimized)]
    public Decisions Decide(FactSet facts) => decideAll is { } all ? all(facts.Raw, facts.UnknownSlots) : default;

    /// <summary>
    /// The conditions that are true or still to be decided, one bit each: the only ones a loop over the kind has
    /// to visit (in order, lowest bit first), since a condition decided false adds nothing, not even a missing field.
    /// </summary>
    public ulong ToVisit(in Decisions decisions) => decisions.True | (~decisions.Decided & all);

    /// <summary>Whether condition <paramref name="index"/> is true: decided already, or now, in turn, with its missing fields.</summary>
    public bool IsTrue(in Decisions decisions, int index, FactSet facts, ref ulong missing) =>
        Truth(decisions, index, facts, ref missing) == Rules.Truth.True;

    /// <summary>The truth of condition <paramref name="index"/> (unknown too): decided already, or now, in turn, with its missing fields.</summary>
    [MethodImpl(PerRow.Optimized)]
    public Truth Truth(in Decisions decisions, int index, FactSet facts, ref ulong missing)
    {
        var bit = 1UL << index;
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
}

/// <summary>The rules of a kind that are decided (one bit each), and which of them are true.</summary>
internal readonly record struct Decisions(ulong True, ulong Decided);
