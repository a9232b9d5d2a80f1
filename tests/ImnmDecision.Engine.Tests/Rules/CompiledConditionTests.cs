using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>A rule's compiled condition decides exactly as its tree does, for every rule of the real ruleset.</summary>
public sealed class CompiledConditionTests
{
    private static readonly double[] Numbers = [0, 0.5, 1, 2, 5, 10, 20, 50, 100, 1000, 50_000];

    /// <summary>For each slot, the numbers the rules compare it with, and their neighbours: where the operators differ.</summary>
    private static readonly Dictionary<int, double[]> Thresholds = AllRules()
        .SelectMany(rule => Leaves(rule.When))
        .GroupBy(leaf => leaf.Fact.Slot)
        .ToDictionary(g => g.Key, g => g.SelectMany(leaf => new[] { leaf.Number - 0.5, leaf.Number, leaf.Number + 0.5 }).Concat(Numbers).Distinct().ToArray());

    public static TheoryData<string> Rules() => [.. AllRules().Select(rule => rule.Id)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void IsTrue_EveryFactKnown_DecidesAsTheTreeDoes(string id)
    {
        var rule = AllRules().Single(r => r.Id == id);
        var random = new Random(id.GetHashCode(StringComparison.Ordinal));
        for (var round = 0; round < 4000; round++)
        {
            var facts = RandomFacts(random);
            var missing = 0UL;

            var compiled = rule.When.IsTrue(facts, ref missing);

            compiled.Should().Be(rule.When.Holds(facts), $"round {round}");
            missing.Should().Be(0, "a condition over known facts misses nothing");
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void IsTrue_SomeFactsUnknown_DecidesAndMissesAsTheUncompiledRuleDoes(string id)
    {
        var compiled = AllRules().Single(r => r.Id == id);
        var walked = UncompiledRules.Value.Single(r => r.Id == id);
        var random = new Random(id.GetHashCode(StringComparison.Ordinal) ^ 0x5eed);
        for (var round = 0; round < 4000; round++)
        {
            var facts = RandomFacts(random, unknownShare: round % 4 * 0.2);
            var missing = 0UL;

            var isTrue = compiled.When.IsTrue(facts, ref missing);

            var expected = walked.When.Evaluate(facts);
            isTrue.Should().Be(expected.Truth == Truth.True, $"round {round}");
            missing.Should().Be(expected.MissingFields, $"round {round}");
            // A false outcome names no missing field, so a compiled condition does not gather them for it.
            var outcome = compiled.When.Evaluate(facts);
            outcome.Truth.Should().Be(expected.Truth, $"round {round}");
            outcome.MissingFields.Should().Be(expected.MissingFields, $"round {round}");
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
    public void IsTrue_EveryOperator_DecidesAsTheTreeDoes(LeafOperator op)
    {
        var fact = FactCatalog.All.First(f => f.Type == FactType.Number);
        foreach (var flag in new[] { false, true })
        {
            var leaf = new LeafCondition(fact, op, 10, 0b1010, flag, "10");
            leaf.Compile();
            foreach (var value in new double[] { 0, 1, 2, 3, 9.5, 10, 10.5, 12 })
            {
                var facts = new FactSet();
                facts.Set(fact.Slot, value);
                var missing = 0UL;

                leaf.IsTrue(facts, ref missing).Should().Be(leaf.Holds(facts), $"{op} {flag} {value}");
            }
        }
    }

    [Fact]
    public void IsTrue_RandomFacts_MakeMostRulesBothTrueAndFalse()
    {
        var random = new Random(5);
        var both = AllRules().Count(rule =>
        {
            var seen = new HashSet<bool>();
            for (var i = 0; i < 4000 && seen.Count < 2; i++)
            {
                var missing = 0UL;
                seen.Add(rule.When.IsTrue(RandomFacts(random), ref missing));
            }

            return seen.Count == 2;
        });

        both.Should().BeGreaterThan(AllRules().Count() / 2, "the random facts must exercise the conditions, not leave them constant");
    }

    /// <summary>The same rules loaded again and never compiled: their conditions are decided by walking the tree.</summary>
    private static readonly Lazy<Rule[]> UncompiledRules = new(() =>
    {
        var ruleset = RulesetLoader.Load(Repository.RulesFolder);
        return [.. ruleset.SubtypeRules.Concat(ruleset.CertaintyRules).Concat(ruleset.AlertRules).Concat(ruleset.TreatmentRules).Concat(ruleset.WorkupRules)];
    });

    private static IEnumerable<Rule> AllRules()
    {
        var ruleset = RealRuleset.Ruleset;
        RealRuleset.Engine.Should().NotBeNull(); // Creating the engine compiles the rules' conditions.
        return ruleset.SubtypeRules.Concat(ruleset.CertaintyRules).Concat(ruleset.AlertRules).Concat(ruleset.TreatmentRules).Concat(ruleset.WorkupRules);
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
                facts.SetUnknown(fact.Slot, 1UL << random.Next(InputField.All.Count));
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
