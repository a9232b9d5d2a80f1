using System.IO.Pipelines;
using System.Text.Json;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Cohorts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine;

namespace ImnmDecision.Benchmarks;

/// <summary>
/// The repository's ruleset and a generated cohort (seed 42, 1% invalid rows) in every format, in memory. For a
/// side-by-side run against an older engine (see Baseline/compare_with_baseline.py), IMNM_BENCH_RULES names another
/// ruleset folder and IMNM_BENCH_COHORT an NDJSON cohort that the engine benchmarks read instead.
/// </summary>
internal static class Cohort
{
    public const int Seed = 42;

    public static Ruleset LoadRuleset() =>
        RulesetLoader.Load(Environment.GetEnvironmentVariable("IMNM_BENCH_RULES") is { Length: > 0 } rules ? rules : Path.Combine(RepositoryRoot(), "rules"));

    /// <summary>The repository root (the folder of ImnmDecision.sln), found by walking up from the running benchmark.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImnmDecision.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ImnmDecision.sln not found above {AppContext.BaseDirectory}.");
    }

    public static byte[] Generate(BatchFormat format, int rows, double invalidFraction = 0.01)
    {
        using var stream = new MemoryStream();
        CohortWriter.WriteAsync(stream, format, new CohortGenerator(Seed, invalidFraction), rows).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    /// <summary>Valid cases as Findings (the first <paramref name="rows"/> NDJSON lines that read and validate).</summary>
    public static Findings[] Findings(int rows)
    {
        var text = Environment.GetEnvironmentVariable("IMNM_BENCH_COHORT") is { Length: > 0 } path
            ? File.ReadAllText(path)
            : System.Text.Encoding.UTF8.GetString(Generate(BatchFormat.Ndjson, rows, invalidFraction: 0));
        var validator = new FindingsValidator();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<Findings>(line, ImnmJson.Options)!)
            .Where(f => validator.Validate(f).IsValid)
            .Take(rows)];
    }

    public static BatchSummary Score(BatchRunner runner, byte[] input, BatchFormat inputFormat, BatchFormat outputFormat, Stream? output = null)
    {
        var reader = PipeReader.Create(new MemoryStream(input, writable: false), new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024));
        return runner.RunAsync(reader, inputFormat, output ?? Stream.Null, outputFormat).GetAwaiter().GetResult();
    }

    public static AssessmentEngine Engine() => new(LoadRuleset());
}
