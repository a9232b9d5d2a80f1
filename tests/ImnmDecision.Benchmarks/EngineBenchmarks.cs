using BenchmarkDotNet.Attributes;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Benchmarks;

/// <summary>The engine alone, on one thread, with the full ruleset: evaluate (no answer built) and assess (the full answer).</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Cases = 20_000;
    private AssessmentEngine engine = null!;
    private Findings[] findings = [];

    [GlobalSetup]
    public void Setup()
    {
        engine = Cohort.Engine();
        findings = Cohort.Findings(Cases);
    }

    /// <summary>One evaluation per case: subtype, certainty, alerts, workup, treatment, missing.</summary>
    [Benchmark(OperationsPerInvoke = Cases)]
    public int Evaluate()
    {
        var sum = 0;
        foreach (var f in findings)
        {
            sum += (int)engine.Evaluate(f).Subtype;
        }

        return sum;
    }

    /// <summary>The full cited answer per case, as the single-case endpoint returns it.</summary>
    [Benchmark(OperationsPerInvoke = Cases)]
    public int Assess()
    {
        var sum = 0;
        foreach (var f in findings)
        {
            sum += engine.Assess(f).Workup.Count;
        }

        return sum;
    }
}
