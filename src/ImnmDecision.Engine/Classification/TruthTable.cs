using System.Linq.Expressions;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Classification;

/// <summary>
/// Conditions whose three-valued truths are wanted without the missing-field bookkeeping (the items of a
/// classification, the leaves of its tree): compiled into one call that writes, for each, true when it is certainly
/// true, false when certainly false, else unknown, over the fact values (unknown ones NaN). Kleene logic, as
/// <see cref="Condition"/> evaluates it, but a few comparisons per condition.
/// </summary>
internal sealed class TruthTable
{
    private readonly Action<double[], Truth[]> decide;

    public TruthTable(IReadOnlyList<Condition> conditions)
    {
        var values = Expression.Parameter(typeof(double[]), "facts");
        var truths = Expression.Parameter(typeof(Truth[]), "truths");
        var body = conditions.Select((condition, i) => (Expression)Expression.Assign(
            Expression.ArrayAccess(truths, Expression.Constant(i)),
            Expression.Condition(
                condition.CertainlyExpression(values, true),
                Expression.Constant(Truth.True),
                Expression.Condition(condition.CertainlyExpression(values, false), Expression.Constant(Truth.False), Expression.Constant(Truth.Unknown)))));
        decide = Expression.Lambda<Action<double[], Truth[]>>(Expression.Block(body.Append(Expression.Empty())), values, truths).Compile();
    }

    /// <summary>Writes each condition's truth on these fact values (NaN for unknown) into <paramref name="truths"/>.</summary>
    public void Decide(double[] facts, Truth[] truths) => decide(facts, truths);
}
