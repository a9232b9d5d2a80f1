namespace ImnmDecision.Engine.Rules;

/// <summary>The fact tests inside conditions, through <c>all</c>, <c>any</c>, <c>not</c> and named conditions.</summary>
internal static class ConditionLeaves
{
    /// <summary>Every leaf of a condition, in reading order.</summary>
    public static IEnumerable<LeafCondition> Of(Condition condition) => condition switch
    {
        LeafCondition leaf => [leaf],
        CompositeCondition composite => composite.Parts.SelectMany(Of),
        NotCondition not => Of(not.Part),
        RefCondition reference => Of(reference.Target),
        _ => [],
    };

    /// <summary>The numbers that conditions compare a number fact with (<c>eq</c>, <c>ne</c>, <c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c>), each once, ascending.</summary>
    public static double[] NumbersComparedWith(IEnumerable<Condition> conditions, string factName) =>
        [.. conditions.SelectMany(Of)
            .Where(leaf => leaf.Fact.Name == factName && leaf.Op is >= LeafOperator.Eq and <= LeafOperator.Lte)
            .Select(leaf => leaf.Number)
            .Distinct()
            .Order()];

    /// <summary>
    /// How conditions compare a number fact with numbers: each operator (<c>eq</c> to <c>lte</c>) and number once.
    /// A fact known only to lie at one of two values is decided when every comparison holds alike at both.
    /// </summary>
    public static (LeafOperator Op, double Value)[] ComparisonsWith(IEnumerable<Condition> conditions, string factName) =>
        [.. conditions.SelectMany(Of)
            .Where(leaf => leaf.Fact.Name == factName && leaf.Op is >= LeafOperator.Eq and <= LeafOperator.Lte)
            .Select(leaf => (leaf.Op, leaf.Number))
            .Distinct()
            .OrderBy(c => c.Number)
            .ThenBy(c => c.Op)];
}
