using System.Linq.Expressions;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>True when any part is true; false when every part is false; otherwise unknown.</summary>
internal sealed class AnyCondition(Condition[] parts) : CompositeCondition(parts, "or")
{
    internal override bool Holds(FactSet facts)
    {
        foreach (var part in PartArray)
        {
            if (part.Holds(facts))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Certainly true when any part is; certainly false when every part is.</summary>
    internal override Expression CertainlyExpression(ParameterExpression values, bool truth) =>
        PartArray.Length == 0
            ? Expression.Constant(!truth)
            : PartArray.Select(p => p.CertainlyExpression(values, truth)).Aggregate(truth ? Expression.OrElse : Expression.AndAlso);

    private protected override Outcome EvaluateWithUnknowns(FactSet facts)
    {
        var unknown = FieldMask.Zero;
        var absent = FieldMask.Zero;
        var anyUnknown = false;
        foreach (var part in PartArray)
        {
            var outcome = part.Evaluate(facts);
            if (outcome.Truth == Truth.True)
            {
                return new Outcome(Truth.True, 0, outcome.Absent);
            }

            if (outcome.Truth == Truth.Unknown)
            {
                anyUnknown = true;
                unknown |= outcome.Unknown;
                absent |= outcome.Absent;
            }
        }

        return anyUnknown ? new Outcome(Truth.Unknown, unknown, absent) : Outcome.False;
    }

    /// <summary>True when any part is true, else unknown when any is, else false.</summary>
    internal override ConditionTrace Trace(FactSet facts)
    {
        var parts = TraceParts(facts);
        var result = parts.Any(p => p.Result == Truth.True) ? Truth.True
            : parts.Any(p => p.Result == Truth.Unknown) ? Truth.Unknown
            : Truth.False;
        return new ConditionTrace { Any = parts, Result = result };
    }
}
