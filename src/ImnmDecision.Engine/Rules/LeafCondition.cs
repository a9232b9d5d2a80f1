using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A test of one fact. Values are compiled at load: numbers and booleans to a double, enum and set members
/// to a bit mask of ordinals, so evaluation compares numbers and never parses or allocates.
/// </summary>
internal sealed class LeafCondition : Condition
{
    private readonly int slot;
    private readonly double number;
    private readonly ulong mask;
    private readonly bool flag;
    private readonly string opName;
    private JsonElement[]? ordinalValues;

    private static readonly JsonElement UnknownValue = JsonValues.Null;

    /// <param name="fact">The fact tested.</param>
    /// <param name="op">The operator.</param>
    /// <param name="number">The number compared with (numbers, booleans, enum ordinals).</param>
    /// <param name="mask">The ordinals of the members compared with (enum and set facts).</param>
    /// <param name="flag">The value of <c>known</c> and <c>empty</c> tests.</param>
    /// <param name="valueText">The value as text, for <see cref="Describe"/>.</param>
    /// <param name="written">The value as written in the rule, for the trace; the text when not given.</param>
    /// <param name="parameter">The named parameter compared with, if any.</param>
    public LeafCondition(FactDefinition fact, LeafOperator op, double number, ulong mask, bool flag, string valueText, JsonElement written = default, string? parameter = null)
    {
        opName = JsonNamingPolicy.CamelCase.ConvertName(op.ToString());
        Written = written.ValueKind == JsonValueKind.Undefined ? JsonValues.String(valueText) : written;
        Parameter = parameter;
        Fact = fact;
        Op = op;
        slot = fact.Slot;
        this.number = number;
        this.mask = mask;
        this.flag = flag;
        ValueText = valueText;
        Slots = SlotMask.Of(slot);
    }

    public FactDefinition Fact { get; }

    public LeafOperator Op { get; }

    /// <summary>The number compared with (numbers, booleans, enum equality).</summary>
    internal double Number => number;

    /// <summary>The value as the rule author wrote it (a parameter shows its name and value).</summary>
    public string ValueText { get; }

    /// <summary>The value as JSON, as written (a parameter's value for a parameter).</summary>
    public JsonElement Written { get; }

    /// <summary>The named parameter compared with, if any.</summary>
    public string? Parameter { get; }

    internal override bool Holds(FactSet facts)
    {
        var value = facts[slot];
        return Op switch
        {
            LeafOperator.Eq => value == number,
            LeafOperator.Ne => value != number,
            LeafOperator.Gt => value > number,
            LeafOperator.Gte => value >= number,
            LeafOperator.Lt => value < number,
            LeafOperator.Lte => value <= number,
            LeafOperator.In => (mask & (1UL << (int)value)) != 0,
            LeafOperator.NotIn => (mask & (1UL << (int)value)) == 0,
            LeafOperator.Contains or LeafOperator.ContainsAny => (mask & (ulong)value) != 0,
            LeafOperator.Empty => ((ulong)value == 0) == flag,
            LeafOperator.Known => flag,
            _ => throw new InvalidOperationException($"LeafOperator {Op} has no evaluation."),
        };
    }

    /// <summary>
    /// A known value: certainly true when the test passes, certainly false when it fails; an unknown one (NaN)
    /// neither, except for <c>known</c>, which is decided by whether the value is known.
    /// </summary>
    internal override Expression CertainlyExpression(ParameterExpression values, bool truth)
    {
        var value = Expression.ArrayIndex(values, Expression.Constant(slot));
        var known = Expression.Equal(value, value); // False only for NaN.
        if (Op == LeafOperator.Known)
        {
            return flag == truth ? known : Expression.Not(known);
        }

        var test = Test(value);
        return Expression.AndAlso(known, truth ? test : Expression.Not(test));
    }

    /// <summary>The test on a known value.</summary>
    private BinaryExpression Test(Expression value)
    {
        var zero = Expression.Constant(0UL);
        return Op switch
        {
            LeafOperator.Eq => Expression.Equal(value, Expression.Constant(number)),
            LeafOperator.Ne => Expression.NotEqual(value, Expression.Constant(number)),
            LeafOperator.Gt => Expression.GreaterThan(value, Expression.Constant(number)),
            LeafOperator.Gte => Expression.GreaterThanOrEqual(value, Expression.Constant(number)),
            LeafOperator.Lt => Expression.LessThan(value, Expression.Constant(number)),
            LeafOperator.Lte => Expression.LessThanOrEqual(value, Expression.Constant(number)),
            LeafOperator.In => Expression.NotEqual(MemberBit(value), zero),
            LeafOperator.NotIn => Expression.Equal(MemberBit(value), zero),
            LeafOperator.Contains or LeafOperator.ContainsAny =>
                Expression.NotEqual(Expression.And(Expression.Constant(mask), Expression.Convert(value, typeof(ulong))), zero),
            LeafOperator.Empty => Expression.Equal(Expression.Equal(Expression.Convert(value, typeof(ulong)), zero), Expression.Constant(flag)),
            _ => throw new InvalidOperationException($"LeafOperator {Op} has no evaluation."),
        };
    }

    /// <summary><c>mask &amp; (1 &lt;&lt; value)</c>: the value's bit in the mask of allowed ordinals.</summary>
    private BinaryExpression MemberBit(Expression value) =>
        Expression.And(Expression.Constant(mask), Expression.LeftShift(Expression.Constant(1UL), Expression.Convert(value, typeof(int))));

    private protected override Outcome EvaluateWithUnknowns(FactSet facts)
    {
        // Called only when the fact is unknown.
        return Op == LeafOperator.Known
            ? new Outcome(flag ? Truth.False : Truth.True, 0, facts.UnknownSources(slot))
            : new Outcome(Truth.Unknown, facts.UnknownSources(slot), 0);
    }

    internal override ConditionTrace Trace(FactSet facts)
    {
        var known = facts.IsKnown(slot);
        var truth = known ? (Holds(facts) ? Truth.True : Truth.False)
            : Op == LeafOperator.Known ? (flag ? Truth.False : Truth.True)
            : Truth.Unknown;
        return new ConditionTrace
        {
            Fact = Fact.Name,
            Op = opName,
            Value = Written,
            Param = Parameter,
            Actual = Actual(facts[slot]),
            Result = truth,
        };
    }

    /// <summary>
    /// The value seen, as JSON. Unknown, boolean and enum values come from tables built once (a single assessment
    /// traces a hundred or so tests); numbers and sets are written as they come.
    /// </summary>
    private JsonElement Actual(double value)
    {
        if (double.IsNaN(value))
        {
            return UnknownValue;
        }

        if (Fact.Type is FactType.Boolean or FactType.Enum)
        {
            // A benign race: two threads may both build the table; either result is the same.
            var table = ordinalValues ??= [.. Enumerable.Range(0, Fact.Type == FactType.Boolean ? 2 : Fact.Values.Count)
                .Select(i => JsonSerializer.SerializeToElement(FactCatalog.Display(Fact, i), ImnmJson.Options))];
            return table[(int)value];
        }

        return JsonSerializer.SerializeToElement(FactCatalog.Display(Fact, value), ImnmJson.Options);
    }

    public override string Describe() => Op switch
    {
        LeafOperator.Known => flag ? $"{Fact.Name} is known" : $"{Fact.Name} is unknown",
        LeafOperator.Empty => flag ? $"{Fact.Name} is empty" : $"{Fact.Name} is not empty",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Fact.Name} {Symbol(Op)} {ValueText}"),
    };

    public override void CollectFacts(ICollection<FactDefinition> facts)
    {
        if (!facts.Contains(Fact))
        {
            facts.Add(Fact);
        }
    }

    private static string Symbol(LeafOperator op) => op switch
    {
        LeafOperator.Eq => "=",
        LeafOperator.Ne => "!=",
        LeafOperator.Gt => ">",
        LeafOperator.Gte => ">=",
        LeafOperator.Lt => "<",
        LeafOperator.Lte => "<=",
        LeafOperator.In => "in",
        LeafOperator.NotIn => "not in",
        LeafOperator.Contains => "contains",
        LeafOperator.ContainsAny => "contains any of",
        _ => op.ToString(),
    };
}
