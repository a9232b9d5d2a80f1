using System.Linq.Expressions;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// The rules of one kind decided together: their conditions compiled into one call that tells, for each rule,
/// whether it is certainly true or false (see <see cref="Condition.IsTrue"/>). A rule that reads a fact the kind
/// itself sets as it runs (the alerts raised so far, the options offered so far) is left to be decided in turn,
/// and so is one that needs the unknown and absent bookkeeping.
/// </summary>
internal sealed class KindDecisions
{
    private readonly Rule[] rules;
    private readonly Func<double[], ulong, Decisions>? decideAll;

    /// <param name="rules">The kind's rules, in order (at most 64).</param>
    /// <param name="kindSlots">The fact slots the kind sets while it runs.</param>
    /// <param name="compile">False to decide every rule in turn (for tests that compare the two).</param>
    public KindDecisions(Rule[] rules, ulong kindSlots, bool compile)
    {
        if (rules.Length > 64)
        {
            throw new InvalidOperationException("A rule kind holds more than 64 rules; widen the decision masks.");
        }

        this.rules = rules;
        if (!compile)
        {
            return;
        }

        var values = Expression.Parameter(typeof(double[]), "facts");
        var unknown = Expression.Parameter(typeof(ulong), "unknownSlots");
        var isTrue = Expression.Variable(typeof(ulong), "isTrue");
        var decided = Expression.Variable(typeof(ulong), "decided");
        var decision = Expression.Variable(typeof(int), "decision");
        var body = new List<Expression>();
        for (var i = 0; i < rules.Length; i++)
        {
            if ((rules[i].When.Slots & kindSlots) != 0)
            {
                continue;
            }

            var bit = Expression.Constant(1UL << i);
            var none = Expression.Constant(0UL);
            body.Add(Expression.Assign(decision, rules[i].When.DecisionExpression(values, unknown)));
            body.Add(Expression.OrAssign(isTrue, Expression.Condition(Expression.Equal(decision, Expression.Constant(Condition.True)), bit, none)));
            body.Add(Expression.OrAssign(decided, Expression.Condition(Expression.NotEqual(decision, Expression.Constant(Condition.Undecided)), bit, none)));
        }

        body.Add(Expression.New(typeof(Decisions).GetConstructor([typeof(ulong), typeof(ulong)])!, isTrue, decided));
        decideAll = Expression.Lambda<Func<double[], ulong, Decisions>>(Expression.Block([isTrue, decided, decision], body), values, unknown).Compile();
    }

    /// <summary>Decides the kind's rules on the facts as they are now (call it once the kind's own facts are set).</summary>
    public Decisions Decide(FactSet facts) => decideAll is { } all ? all(facts.Raw, facts.UnknownSlots) : default;

    /// <summary>Whether rule <paramref name="index"/> is true: decided already, or now, in turn, with its missing fields.</summary>
    public bool IsTrue(in Decisions decisions, int index, FactSet facts, ref ulong missing)
    {
        var bit = 1UL << index;
        return (decisions.Decided & bit) != 0 ? (decisions.True & bit) != 0 : rules[index].When.IsTrue(facts, ref missing);
    }
}

/// <summary>The rules of a kind that are decided (one bit each), and which of them are true.</summary>
internal readonly record struct Decisions(ulong True, ulong Decided);
