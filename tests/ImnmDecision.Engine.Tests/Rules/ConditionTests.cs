using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>Three-valued logic: a test on a missing fact is unknown, never false; all/any/not combine as Kleene logic.</summary>
public sealed class ConditionTests
{
    private static readonly FactDefinition Dysphagia = Fact("clinical.dysphagia");
    private static readonly FactDefinition Ck = Fact("ck.timesUln");

    private static FactDefinition Fact(string name) => FactCatalog.TryGet(name, out var fact) ? fact : throw new InvalidOperationException(name);

    private static LeafCondition IsTrue(FactDefinition fact) => new(fact, LeafOperator.Eq, 1, 0, false, "true");

    private static LeafCondition AtLeast(FactDefinition fact, double value) => new(fact, LeafOperator.Gte, value, 0, false, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static FactSet Facts(double? dysphagia, double? timesUln)
    {
        var facts = new FactSet();
        if (dysphagia is { } d) facts.Set(Dysphagia.Slot, d); else facts.SetUnknown(Dysphagia.Slot, InputField.Bit("clinical.dysphagia"));
        if (timesUln is { } t) facts.Set(Ck.Slot, t); else facts.SetUnknown(Ck.Slot, InputField.Bit("ck.value"));
        return facts;
    }

    public static TheoryData<double?, double?, Truth, Truth> Table() => new()
    {
        // dysphagia, x ULN, all(dysphagia, CK >= 10), any(dysphagia, CK >= 10)
        { 1, 20, Truth.True, Truth.True },
        { 1, 5, Truth.False, Truth.True },
        { 0, 5, Truth.False, Truth.False },
        { null, 5, Truth.False, Truth.Unknown },
        { null, 20, Truth.Unknown, Truth.True },
        { 0, null, Truth.False, Truth.Unknown },
        { 1, null, Truth.Unknown, Truth.True },
        { null, null, Truth.Unknown, Truth.Unknown },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void AllAndAny_FollowThreeValuedLogic(double? dysphagia, double? timesUln, Truth all, Truth any)
    {
        var facts = Facts(dysphagia, timesUln);

        new AllCondition([IsTrue(Dysphagia), AtLeast(Ck, 10)]).Evaluate(facts).Truth.Should().Be(all);
        new AnyCondition([IsTrue(Dysphagia), AtLeast(Ck, 10)]).Evaluate(facts).Truth.Should().Be(any);
    }

    [Theory]
    [InlineData(1.0, Truth.False)]
    [InlineData(0.0, Truth.True)]
    [InlineData(null, Truth.Unknown)]
    public void Not_OfUnknown_IsUnknown(double? dysphagia, Truth expected)
    {
        new NotCondition(IsTrue(Dysphagia)).Evaluate(Facts(dysphagia, 1)).Truth.Should().Be(expected);
    }

    [Fact]
    public void Leaf_OnMissingFact_IsUnknownAndNamesTheField()
    {
        var outcome = IsTrue(Dysphagia).Evaluate(Facts(null, 1));

        outcome.Truth.Should().Be(Truth.Unknown);
        InputField.PathsOf(outcome.MissingFields).Should().Equal("clinical.dysphagia");
    }

    [Fact]
    public void Known_IsNeverUnknownAndReportsTheAbsentFieldWhenItDecides()
    {
        var isUnknown = new LeafCondition(Dysphagia, LeafOperator.Known, 0, 0, false, "false");

        var absent = isUnknown.Evaluate(Facts(null, 1));
        var present = isUnknown.Evaluate(Facts(0, 1));

        absent.Truth.Should().Be(Truth.True);
        InputField.PathsOf(absent.MissingFields).Should().Equal("clinical.dysphagia");
        present.Truth.Should().Be(Truth.False);
        present.MissingFields.Should().Be(FieldMask.Zero);
    }

    [Fact]
    public void All_ThatIsFalse_ReportsNoMissingFields()
    {
        var outcome = new AllCondition([IsTrue(Dysphagia), AtLeast(Ck, 10)]).Evaluate(Facts(null, 5));

        outcome.Truth.Should().Be(Truth.False);
        outcome.MissingFields.Should().Be(FieldMask.Zero, "an unknown that cannot change the result is not missing");
    }

    [Fact]
    public void Any_ThatIsTrue_IgnoresUnknownSiblings()
    {
        var outcome = new AnyCondition([IsTrue(Dysphagia), AtLeast(Ck, 10)]).Evaluate(Facts(null, 20));

        outcome.Truth.Should().Be(Truth.True);
        outcome.MissingFields.Should().Be(FieldMask.Zero);
    }

    [Fact]
    public void EmptyAll_AlwaysHolds()
    {
        new AllCondition([]).Evaluate(new FactSet()).Truth.Should().Be(Truth.True);
        new AllCondition([]).Describe().Should().Be("always");
    }

    [Fact]
    public void Describe_ReadsAsText()
    {
        new AllCondition([IsTrue(Dysphagia), new AnyCondition([AtLeast(Ck, 10), IsTrue(Dysphagia)])]).Describe()
            .Should().Be("clinical.dysphagia = true and (ck.timesUln >= 10 or clinical.dysphagia = true)");
    }
}
