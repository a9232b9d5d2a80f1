using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>
/// A compiled condition (see <see cref="KindDecisions"/>) decides exactly as its tree does, for every rule and
/// every caution of the real ruleset: the same truth, and the same missing fields.
/// </summary>
public sealed class CompiledConditionTests
{
    private static readonly double[] Numbers = [0, 0.5, 1, 2, 5, 10, 20, 50, 100, 1000, 50_000];

    /// <summary>For each slot, the numbers the rules compare it with, and their neighbours: where the operators differ.</summary>
    private static readonly Dictionary<int, double[]> Thresholds = AllConditions()
        .SelectMany(named => Leaves(named.Condition))
        .GroupBy(leaf => leaf.Fact.Slot)
        .ToDictionary(g => g.Key, g => g.SelectMany(leaf => new[] { leaf.Number - 0.5, leaf.Number, leaf.Number + 0.5 }).Concat(Numbers).Distinct().ToArray());

    public static TheoryData<string> Conditions() => [.. AllConditions().Select(named => named.Name)];

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Compiled_EveryFactKnown_DecidesAsTheTreeDoes(string name)
    {
        var condition = AllConditions().Single(c => c.Name == name).Condition;
        var compiled = new KindDecisions([condition], kindSlots: SlotMask.Empty, deciding: EngineVariants.Fast.Deciding);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (var round = 0; round < 4000; round++)
        {
            var facts = RandomFacts(random);
            var missing = FieldMask.Zero;

            var isTrue = compiled.IsTrue(compiled.Decide(0, facts), 0, facts, ref missing);

            isTrue.Should().Be(condition.Holds(facts), $"round {round}");
            missing.Should().Be(FieldMask.Zero, "a condition over known facts misses nothing");
        }
    }

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Compiled_SomeFactsUnknown_DecidesAndMissesAsTheTreeDoes(string name)
    {
        var condition = AllConditions().Single(c => c.Name == name).Condition;

        DecidesAndMissesAsTheTree(condition, name.GetHashCode(StringComparison.Ordinal) ^ 0x5eed);
    }

    /// <summary>
    /// The format allows what the ruleset does not use yet: each rule's condition negated, alone and inside
    /// "all" and "any" beside <c>known</c> tests, compiles to the same truth and missing fields as its tree.
    /// </summary>
    [Theory]
    [MemberData(nameof(Conditions))]
    public void Compiled_NegatedAndNested_DecidesAndMissesAsTheTreeDoes(string name)
    {
        var condition = AllConditions().Single(c => c.Name == name).Condition;
        var weight = FactCatalog.All.Single(f => f.Slot == FactCatalog.PatientWeightKg);
        var known = new LeafCondition(weight, LeafOperator.Known, 0, 0, true, string.Empty);
        var unknown = new LeafCondition(weight, LeafOperator.Known, 0, 0, false, string.Empty);
        Condition[] variants =
        [
            new NotCondition(condition),
            new AllCondition([new NotCondition(condition), known]),
            new AnyCondition([unknown, new NotCondition(new AnyCondition([condition, known]))]),
            new NotCondition(new AllCondition([condition, new NotCondition(unknown)])),
        ];

        for (var v = 0; v < variants.Length; v++)
        {
            DecidesAndMissesAsTheTree(variants[v], name.GetHashCode(StringComparison.Ordinal) ^ v);
        }
    }

    [Theory]
    [InlineData(LeafOperator.Eq)]
    [InlineData(LeafOperator.Ne)]
    [InlineData(LeafOperator.Gt)]
    [InlineData(LeafOperator.Gte)]
    [InlineData(LeafOperator.Lt)]
    [InlineData(LeafOperator.Lte)]
    [InlineData(LeafOperator.In)]
    [InlineData(LeafOperator.NotIn)]
    [InlineData(LeafOperator.Contains)]
    [InlineData(LeafOperator.ContainsAny)]
    [InlineData(LeafOperator.Empty)]
    [InlineData(LeafOperator.Known)]
    public void Compiled_EveryOperator_DecidesAsTheTreeDoes(LeafOperator op)
    {
        var fact = FactCatalog.All.First(f => f.Type == FactType.Number);
        foreach (var flag in new[] { false, true })
        {
            var leaf = new LeafCondition(fact, op, 10, 0b1010, flag, "10");
            var compiled = new KindDecisions([leaf], kindSlots: SlotMask.Empty, deciding: EngineVariants.Fast.Deciding);
            foreach (var value in new double[] { 0, 1, 2, 3, 9.5, 10, 10.5, 12, double.NaN })
            {
                var facts = new FactSet();
                facts.Set(fact.Slot, value);
                var missing = FieldMask.Zero;

                compiled.Truth(compiled.Decide(0, facts), 0, facts, ref missing).Should().Be(leaf.Evaluate(facts).Truth, $"{op} {flag} {value}");
            }
        }
    }

    [Fact]
    public void RandomFacts_MakeMostConditionsBothTrueAndFalse()
    {
        var random = new Random(5);
        var both = AllConditions().Count(named =>
        {
            var seen = new HashSet<bool>();
            for (var i = 0; i < 4000 && seen.Count < 2; i++)
            {
                seen.Add(named.Condition.Holds(RandomFacts(random)));
            }

            return seen.Count == 2;
        });

        both.Should().BeGreaterThan(AllConditions().Count() / 2, "the random facts must exercise the conditions, not leave them constant");
    }

    private static void DecidesAndMissesAsTheTree(Condition condition, int seed)
    {
        var compiled = new KindDecisions([condition], kindSlots: SlotMask.Empty, deciding: EngineVariants.Fast.Deciding);
        var random = new Random(seed);
        for (var round = 0; round < 4000; round++)
        {
            var facts = RandomFacts(random, unknownShare: round % 4 * 0.2);
            var expected = condition.Evaluate(facts);
            var missing = FieldMask.Zero;
            var cautionMissing = FieldMask.Zero;

            var isTrue = compiled.IsTrue(compiled.Decide(0, facts), 0, facts, ref missing);
            var truth = compiled.Truth(compiled.Decide(0, facts), 0, facts, ref cautionMissing);

            isTrue.Should().Be(expected.Truth == Truth.True, $"round {round}");
            missing.Should().Be(expected.MissingFields, $"round {round}");
            truth.Should().Be(expected.Truth, $"round {round}");
            cautionMissing.Should().Be(expected.MissingFields, $"round {round}");
        }
    }

    /// <summary>Every rule's condition, and every caution's, named after its rule.</summary>
    private static IEnumerable<(string Name, Condition Condition)> AllConditions()
    {
        var ruleset = RealRuleset.Ruleset;
        var rules = ruleset.Rules;
        foreach (var rule in rules)
        {
            yield return (rule.Id, rule.When);
            if (rule.Then is TreatmentAction treatment)
            {
                for (var c = 0; c < treatment.Cautions.Count; c++)
                {
                    if (treatment.Cautions[c].When is { } when)
                    {
                        yield return ($"{rule.Id} caution {c + 1}", when);
                    }
                }
            }
        }
    }

    private static IEnumerable<LeafCondition> Leaves(Condition condition) => condition switch
    {
        LeafCondition leaf => [leaf],
        CompositeCondition composite => composite.Parts.SelectMany(Leaves),
        NotCondition not => Leaves(not.Part),
        RefCondition reference => Leaves(reference.Target),
        _ => throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}."),
    };

    private static FactSet RandomFacts(Random random, double unknownShare = 0)
    {
        var facts = new FactSet();
        foreach (var fact in FactCatalog.All)
        {
            if (random.NextDouble() < unknownShare)
            {
                facts.SetUnknown(fact.Slot, FieldMask.One << random.Next(InputField.All.Count));
                continue;
            }

            double value = fact.Type switch
            {
                FactType.Boolean => random.Next(2),
                FactType.Enum => random.Next(Math.Max(fact.Values.Count, 1)),
                FactType.Set => random.Next(3) == 0 ? 0 : (double)(ulong)random.NextInt64(1L << Math.Min(fact.Values.Count, 20)),
                _ => Thresholds.TryGetValue(fact.Slot, out var near) ? near[random.Next(near.Length)] : Numbers[random.Next(Numbers.Length)],
            };
            facts.Set(fact.Slot, value);
        }

        return facts;
    }
}
