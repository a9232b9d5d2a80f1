using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using System.Globalization;
using ImnmDecision.Benchmarks;
using ImnmDecision.Benchmarks.Load;

// dotnet run -c Release --project tests/ImnmDecision.Benchmarks -- [--smoke | --stages [rows] | BenchmarkDotNet arguments]
//   --smoke   every benchmark once (BenchmarkDotNet's Dry job), for CI: seconds, not minutes
//   --stages  a quick per-stage breakdown without BenchmarkDotNet
//   --bare-endpoint PORT ANSWER_FILE                 the load test's bare endpoint (Load/load_test.py)
//   --assessment-only-endpoint PORT                  the load test's assessment with nothing around it (Load/load_test.py)
//   --answer-stages [CASE_FILE]                      microseconds per stage of one single assessment
//   --fixed-rate URL BODY_FILE RATE SECONDS CONNECTIONS   the load test's open-loop client (Load/load_test.py)
//   otherwise BenchmarkDotNet as usual, for example --filter '*Engine*'
if (args is ["--bare-endpoint", var port, var answerFile])
{
    return await BareEndpoint.RunAsync(int.Parse(port, CultureInfo.InvariantCulture), answerFile);
}

if (args is ["--assessment-only-endpoint", var assessPort])
{
    return await AssessmentOnlyEndpoint.RunAsync(int.Parse(assessPort, CultureInfo.InvariantCulture));
}

if (args is ["--answer-stages", ..])
{
    AnswerStages.Run(args.Length > 1 ? args[1] : Path.Combine(Cohort.RepositoryRoot(), "tests", "ImnmDecision.Benchmarks", "Load", "case.json"));
    return 0;
}

if (args is ["--fixed-rate", var url, var bodyFile, var rate, var seconds, var connections])
{
    return await FixedRateClient.RunAsync(
        new Uri(url), bodyFile, double.Parse(rate, CultureInfo.InvariantCulture), double.Parse(seconds, CultureInfo.InvariantCulture),
        int.Parse(connections, CultureInfo.InvariantCulture));
}

if (args.Contains("--stages"))
{
    var rows = args.SkipWhile(a => a != "--stages").Skip(1).Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault();
    Stages.Run(rows > 0 ? rows : 200_000);
    return 0;
}

var smoke = args.Contains("--smoke");

// Results go to tests/ImnmDecision.Benchmarks/BenchmarkDotNet.Artifacts (ignored by git), not to the working directory.
var artifacts = Path.Combine(Cohort.RepositoryRoot(), "tests", "ImnmDecision.Benchmarks", "BenchmarkDotNet.Artifacts");
var config = (smoke
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithId("smoke")).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    : DefaultConfig.Instance).WithArtifactsPath(artifacts);
var rest = args.Where(a => a != "--smoke").ToArray();
var summaries = BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly)
    .Run(smoke && rest.Length == 0 ? ["--filter", "*"] : rest, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
