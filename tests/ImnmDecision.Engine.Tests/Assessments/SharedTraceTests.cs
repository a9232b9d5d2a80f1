using System.Buffers;
using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Assessments;

/// <summary>
/// A named condition is traced once per answer: every rule that names it holds the same trace, and the next
/// case on the same engine and thread gets its own, never the previous case's, nor changes an answer already made.
/// </summary>
public sealed class SharedTraceTests
{
    private static readonly Findings AntiSrp = Case.WithCk(9000, uln: 200).Weakness(WeaknessGrade.Severe)
        .Antibodies(hmgcr: AntibodyResult.Negative, srp: AntibodyResult.Positive).Build();

    private static readonly Findings AntiHmgcr = Case.WithCk(3000, uln: 200).Weakness(WeaknessGrade.Moderate)
        .Antibodies(hmgcr: AntibodyResult.Positive, srp: AntibodyResult.Negative).Build();

    [Fact]
    public void Every_rule_that_names_a_condition_holds_the_same_trace_of_it_in_one_answer()
    {
        var assessment = new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty).Assess(AntiSrp);

        var named = Traces(assessment).Where(t => t.Ref is not null).GroupBy(t => t.Ref!).Where(g => g.Count() > 1).ToList();

        named.Should().NotBeEmpty("the rich case names some condition in several rules");
        named.Should().OnlyContain(g => g.Select(t => t.When).Distinct(ReferenceEqualityComparer.Instance).Count() == 1);
    }

    [Fact]
    public void A_named_condition_stays_shared_in_one_answer_while_other_answers_are_traced_in_between()
    {
        // Answers made at once (the service's threads, parallel tests) read their traces interleaved: the trace of a
        // named condition is remembered per answer, so another answer traced in between never displaces it.
        var first = new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty).Assess(AntiSrp);
        var second = new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty).Assess(AntiSrp);
        var firstReads = TraceReads(first);
        var secondReads = TraceReads(second);

        var traced = new List<ConditionTrace>();
        for (var i = 0; i < firstReads.Count; i++)
        {
            traced.AddRange(firstReads[i]() is { } trace ? Nodes(trace) : []);
            if (i < secondReads.Count)
            {
                _ = secondReads[i]();
            }
        }

        var named = traced.Where(t => t.Ref is not null).GroupBy(t => t.Ref!).Where(g => g.Count() > 1).ToList();
        named.Should().NotBeEmpty();
        named.Should().OnlyContain(g => g.Select(t => t.When).Distinct(ReferenceEqualityComparer.Instance).Count() == 1);
    }

    [Fact]
    public void Cases_assessed_one_after_another_get_the_answers_each_gets_alone()
    {
        // Each case alone: on a new thread, whose buffers (and so facts) nothing has used before.
        var alone = new[] { AntiSrp, AntiHmgcr }.ToDictionary(f => f, f => OnNewThread(() => Json(new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty).Assess(f))));
        alone[AntiSrp].Should().NotBe(alone[AntiHmgcr]);
        var engine = new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty);

        foreach (var findings in new[] { AntiSrp, AntiHmgcr, AntiSrp, AntiHmgcr })
        {
            Json(engine.Assess(findings)).Should().Be(alone[findings]);
        }
    }

    [Fact]
    public void An_answer_written_after_the_engine_assessed_other_cases_still_traces_its_own_case()
    {
        // Traces are built (or written) when the answer is read, from the facts the answer kept: never from the
        // engine's buffers, which the next case on the thread reuses.
        var alone = OnNewThread(() => Json(new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty).Assess(AntiSrp)));
        var engine = new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty);

        foreach (var writer in EngineVariants.All.Select(v => v.Answers))
        {
            var first = engine.Assess(AntiSrp);
            engine.Assess(AntiHmgcr);
            var output = new ArrayBufferWriter<byte>();
            writer.Write(output, first);

            Encoding.UTF8.GetString(output.WrittenSpan).Should().Be(alone, writer.Name);
        }
    }

    private static string OnNewThread(Func<string> work)
    {
        string? result = null;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result!;
    }

    private static string Json(Assessment assessment) => JsonSerializer.Serialize(assessment, ImnmJson.Options);

    private static IEnumerable<ConditionTrace> Traces(Assessment assessment) => Roots(assessment).SelectMany(Nodes);

    /// <summary>Reads of each item's trace, which builds it at the first read.</summary>
    private static List<Func<ConditionTrace?>> TraceReads(Assessment assessment) =>
    [
        .. assessment.Alerts.Select(a => (Func<ConditionTrace?>)(() => a.Trace)),
        .. assessment.Subtype.Because.Select(r => (Func<ConditionTrace?>)(() => r.Trace)),
        .. assessment.Workup.Select(w => (Func<ConditionTrace?>)(() => w.Trace)),
        .. assessment.Treatment.Select(t => (Func<ConditionTrace?>)(() => t.Trace)),
    ];

    /// <summary>Each item's trace, read (and so built) only when enumerated.</summary>
    private static IEnumerable<ConditionTrace> Roots(Assessment assessment) =>
        assessment.Alerts.Select(a => a.Trace)
            .Concat(assessment.Subtype.Because.Select(r => r.Trace))
            .Concat(assessment.Workup.Select(w => w.Trace))
            .Concat(assessment.Treatment.Select(t => t.Trace))
            .OfType<ConditionTrace>();

    private static IEnumerable<ConditionTrace> Nodes(ConditionTrace trace) =>
        new[] { trace }
            .Concat((trace.All ?? []).Concat(trace.Any ?? []).SelectMany(Nodes))
            .Concat(new[] { trace.Not, trace.When }.OfType<ConditionTrace>().SelectMany(Nodes));
}
