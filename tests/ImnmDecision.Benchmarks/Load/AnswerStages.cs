using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine;

namespace ImnmDecision.Benchmarks.Load;

/// <summary>
/// <c>--answer-stages [case.json]</c>: microseconds per call of each stage of one single assessment (the load
/// test's case by default), on one thread: read the findings, check them (FluentValidation, the precheck),
/// assess (answer and traces), write the JSON answer (each answer writer of EngineVariants); with the bytes each
/// allocates. Where the request path's own time goes, beside the HTTP
/// stack's.
/// </summary>
internal static class AnswerStages
{
    public static void Run(string caseFile)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(File.ReadAllBytes(caseFile)).RootElement);
        var engine = Cohort.Engine();
        if (!FindingsJson.TryParse(body, out var findings, out _))
        {
            throw new InvalidOperationException($"{caseFile} does not read as findings.");
        }

        var validator = new FindingsValidator();
        var assessment = engine.Assess(findings);
        var output = new ArrayBufferWriter<byte>(1 << 16);
        for (var round = 0; round < 3; round++)
        {
            Console.WriteLine($"round {round + 1}");
            Measure("read findings", () => _ = FindingsJson.TryParse(body, out _, out _));
            Measure("check: FluentValidation", () => validator.Validate(findings));
            Measure("check: precheck", () => FindingsPrecheck.IsValid(findings));
            Measure("evaluate (decisions only)", () => engine.Evaluate(findings));
            Measure("assess (decisions and answer)", () => engine.Assess(findings));
            foreach (var variant in EngineVariants.All)
            {
                Measure($"write JSON: {variant.Answers.Name}", () =>
                {
                    output.ResetWrittenCount();
                    variant.Answers.Write(output, assessment);
                });
            }
        }

        Console.WriteLine($"answer: {output.WrittenCount} bytes");
    }

    private static void Measure(string stage, Action action)
    {
        for (var i = 0; i < 200; i++)
        {
            action();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        action();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started).TotalMilliseconds < 500)
        {
            for (var i = 0; i < 100; i++)
            {
                action();
            }

            calls += 100;
        }

        Console.WriteLine($"  {stage,-36} {Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls,8:F1} us {allocated / 1024.0,8:F1} KB allocated");
    }
}
