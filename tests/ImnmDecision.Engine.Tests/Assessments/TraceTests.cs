using System.Text.Json;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Golden;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Assessments;

/// <summary>
/// Every item of an assessment carries its rule's condition as it came out: per fact test the fact, operator,
/// expected value, the value seen and the three-valued result, nested as the rule is written.
/// </summary>
public sealed class TraceTests
{
    private static readonly FactDefinition Dysphagia = Fact("clinical.dysphagia");
    private static readonly FactDefinition Ck = Fact("ck.timesUln");

    [Fact]
    public void Assess_AntiSrpPositive_SubtypeTraceShowsTheLeafWithTheValueSeen()
    {
        var findings = Case.WithCk(5000, uln: 200).Weakness(WeaknessGrade.Moderate).Antibodies(hmgcr: AntibodyResult.Negative, srp: AntibodyResult.Positive).Build();

        var reason = RealRuleset.Engine.Assess(findings).Subtype.Because.Single(r => r.RuleId == "subtype.anti-srp");

        var trace = reason.Trace!;
        trace.Fact.Should().Be("antibodies.srp");
        trace.Op.Should().Be("eq");
        trace.Value!.Value.GetString().Should().Be("positive");
        trace.Actual!.Value.GetString().Should().Be("positive");
        trace.Result.Should().Be(Truth.True);
        reason.Facts.Should().ContainKey("antibodies.srp", "the flat facts stay beside the trace");
    }

    [Fact]
    public void Trace_UnknownFact_ShowsNullAndPropagatesUnknownThroughAllButNotThroughAny()
    {
        var facts = Facts(dysphagia: null, timesUln: 20);
        var all = new AllCondition([IsTrue(Dysphagia), AtLeast(Ck, 10)]);
        var any = new AnyCondition([IsTrue(Dysphagia), AtLeast(Ck, 10)]);

        var allTrace = all.Trace(facts);
        var anyTrace = any.Trace(facts);

        allTrace.Result.Should().Be(Truth.Unknown);
        allTrace.All!.Select(p => p.Result).Should().Equal(Truth.Unknown, Truth.True);
        allTrace.All![0].Actual!.Value.ValueKind.Should().Be(JsonValueKind.Null, "an unknown value is shown as null");
        allTrace.All![1].Actual!.Value.GetDouble().Should().Be(20);
        allTrace.All![1].Value!.Value.GetDouble().Should().Be(10);
        anyTrace.Result.Should().Be(Truth.True);
        allTrace.Result.Should().Be(all.Evaluate(facts).Truth);
        anyTrace.Result.Should().Be(any.Evaluate(facts).Truth);
    }

    [Fact]
    public void Trace_NestedNotAndNamedCondition_MirrorsTheRuleAndNamesTheCondition()
    {
        var facts = Facts(dysphagia: 0, timesUln: null);
        var named = new RefCondition("dysphagia-present") { Target = IsTrue(Dysphagia) };
        var condition = new AnyCondition([new NotCondition(named), AtLeast(Ck, 10)]);

        var trace = condition.Trace(facts);

        trace.Result.Should().Be(Truth.True);
        var not = trace.Any![0];
        not.Result.Should().Be(Truth.True);
        not.Not!.Ref.Should().Be("dysphagia-present");
        not.Not.Result.Should().Be(Truth.False);
        not.Not.When!.Fact.Should().Be("clinical.dysphagia");
        not.Not.When.Actual!.Value.GetBoolean().Should().BeFalse();
        trace.Any[1].Result.Should().Be(Truth.Unknown);
    }

    [Fact]
    public void Trace_AsJson_HasTheRuleShapeWithActualNullOnlyOnFactTests()
    {
        var trace = new AllCondition([IsTrue(Dysphagia), AtLeast(Ck, 10)]).Trace(Facts(dysphagia: 1, timesUln: null));

        var json = JsonSerializer.Serialize(trace, ImnmJson.Options);

        json.Should().Be(
            """{"all":[{"fact":"clinical.dysphagia","op":"eq","value":true,"actual":true,"result":"true"},""" +
            """{"fact":"ck.timesUln","op":"gte","value":10,"actual":null,"result":"unknown"}],"result":"unknown"}""");
    }

    public static TheoryData<string> CaseFiles() => GoldenCaseTests.CaseFiles();

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Assess_GoldenCase_EveryItemTraceHoldsAndEveryShownCautionIsTraced(string file)
    {
        var golden = JsonSerializer.Deserialize<GoldenCase>(File.ReadAllText(Path.Combine(Repository.CasesFolder, file)), ImnmJson.Options)!;

        var answer = RealRuleset.Engine.Assess(golden.ReadFindings());

        var traced = answer.Subtype.Because.Select(r => (r.RuleId, r.Trace))
            .Concat(answer.Alerts.Select(a => (a.RuleId, a.Trace)))
            .Concat(answer.Workup.Select(w => (w.RuleId, w.Trace)))
            .Concat(answer.Treatment.Select(t => (t.RuleId, t.Trace)));
        foreach (var (ruleId, trace) in traced)
        {
            trace!.Result.Should().Be(Truth.True, $"{file}: rule {ruleId} fired, so its condition holds");
        }

        foreach (var option in answer.Treatment)
        {
            option.CautionTraces!.Select(c => c.Text).Should().Equal(option.Cautions);
            foreach (var caution in option.CautionTraces!.Where(c => c.Trace is not null))
            {
                caution.Trace!.Result.Should().NotBe(Truth.False, $"{file}: a caution shown holds or is unknown");
            }
        }
    }

    private static FactDefinition Fact(string name) => FactCatalog.TryGet(name, out var fact) ? fact : throw new InvalidOperationException(name);

    private static LeafCondition IsTrue(FactDefinition fact) => new(fact, LeafOperator.Eq, 1, 0, false, "true", JsonSerializer.SerializeToElement(true));

    private static LeafCondition AtLeast(FactDefinition fact, double value) => new(fact, LeafOperator.Gte, value, 0, false, "10", JsonSerializer.SerializeToElement(value));

    private static FactSet Facts(double? dysphagia, double? timesUln)
    {
        var facts = new FactSet();
        if (dysphagia is { } d) facts.Set(Dysphagia.Slot, d); else facts.SetUnknown(Dysphagia.Slot, InputField.Bit("clinical.dysphagia"));
        if (timesUln is { } t) facts.Set(Ck.Slot, t); else facts.SetUnknown(Ck.Slot, InputField.Bit("ck.value"));
        return facts;
    }
}
