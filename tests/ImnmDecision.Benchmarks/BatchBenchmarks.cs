using BenchmarkDotNet.Attributes;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Benchmarks;

/// <summary>Parse, validate, score and write a generated cohort held in memory (no disk): per row.</summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int Rows = 50_000;
    private BatchRunner runner = null!;
    private byte[] csv = [];
    private byte[] ndjson = [];
    private byte[] json = [];

    [GlobalSetup]
    public void Setup()
    {
        runner = new BatchRunner(Cohort.Engine());
        csv = Cohort.Generate(BatchFormat.Csv, Rows);
        ndjson = Cohort.Generate(BatchFormat.Ndjson, Rows);
        json = Cohort.Generate(BatchFormat.Json, Rows);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long CsvToCsv() => Cohort.Score(runner, csv, BatchFormat.Csv, BatchFormat.Csv).Rows;

    [Benchmark(OperationsPerInvoke = Rows)]
    public long NdjsonToNdjson() => Cohort.Score(runner, ndjson, BatchFormat.Ndjson, BatchFormat.Ndjson).Rows;

    [Benchmark(OperationsPerInvoke = Rows)]
    public long JsonToJson() => Cohort.Score(runner, json, BatchFormat.Json, BatchFormat.Json).Rows;
}
