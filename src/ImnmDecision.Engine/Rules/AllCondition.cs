using System.Linq.Expressions;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>True when every part is true; false when any is false; otherwise unknown. No parts is true.</summary>
internal sealed class AllCondition(Condition[] parts) : CompositeCondition(parts, "and")
{
    internal override bool Holds(FactSet facts)
    {
        foreach (var part in PartArray)
        {
            if (!part.Holds(facts))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Certainly true when every part is; certainly false when any part is.</summary>
    internal override Expression CertainlyExpression(ParameterExpression values, bool truth) =>
        PartArray.Length == 0
            ? Expression.Constant(truth)
            : PartArray.Select(p => p.CertainlyExpression(values, truth)).Aggregate(truth ? Expression.AndAlso : Expression.OrElse);

    private protected override Outcome EvaluateWithUnknowns(FactSet facts)
    {
        var unknown = FieldMask.Zero;
        var absent = FieldMask.Zero;
        var anyUnknown = false;
        foreach (var part in PartArray)
        {
            var outcome = part.Evaluate(facts);
            if (outcome.Truth == Truth.False)
            {
                return Outcome.False;
            }

            anyUnknown |= outcome.Truth == Truth.Unknown;
            unknown |= outcome.Unknown;
            absent |= outcome.Absent;
        }

        return new Outcome(anyUnknown ? Truth.Unknown : Truth.True, anyUnknown ? unknown : 0, absent);
    }

    public override string Describe() => Parts.Count == 0 ? "always" : base.Describe();

    /// <summary>False when any part is false, else unknown when any is, else true.</summary>
    internal override ConditionTrace Trace(FactSet facts)
    {
        var parts = TraceParts(facts);
        var result = parts.Any(p => p.Result == Truth.False) ? Truth.False
            : parts.Any(p => p.Result == Truth.Unknown) ? Truth.Unknown
            : Truth.True;
        return new ConditionTrace { All = parts, Result = result };
    }
}
