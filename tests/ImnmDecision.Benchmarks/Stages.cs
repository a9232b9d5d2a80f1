using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using nietras.SeparatedValues;

namespace ImnmDecision.Benchmarks;

/// <summary>
/// <c>--stages</c>: a quick breakdown without BenchmarkDotNet (seconds, not minutes): rows per second of each
/// stage of the batch path on one thread, to see where the time goes.
/// </summary>
internal static class Stages
{
    public static void Run(int rows)
    {
        var engine = Cohort.Engine();
        var runner = new BatchRunner(engine);
        var csv = Cohort.Generate(BatchFormat.Csv, rows);
        var ndjson = Cohort.Generate(BatchFormat.Ndjson, rows);
        var ndjsonValid = Cohort.Generate(BatchFormat.Ndjson, rows, 0);
        var csvValid = Cohort.Generate(BatchFormat.Csv, rows, 0);
        var findings = Cohort.Findings(Math.Min(rows, 100_000));
        for (var round = 0; round < 3; round++)
        {
            Console.WriteLine($"round {round + 1}");
            Measure("engine.Evaluate", findings.Length, () =>
            {
                foreach (var f in findings)
                {
                    engine.Evaluate(f);
                }
            });
            Measure("precheck", findings.Length, () =>
            {
                foreach (var f in findings)
                {
                    FindingsPrecheck.IsValid(f);
                }
            });
            var output = new ArrayBufferWriter<byte>(1 << 20);
            var writer = ResultWriter.Create(BatchFormat.Csv, output);
            Measure("evaluate+write csv", findings.Length, () =>
            {
                foreach (var f in findings)
                {
                    writer.WriteResult(1, f.CaseId, engine.Evaluate(f));
                    if (output.WrittenCount > 1 << 19)
                    {
                        output.ResetWrittenCount();
                    }
                }
            });
            var json = ResultWriter.Create(BatchFormat.Ndjson, output);
            Measure("evaluate+write ndjson", findings.Length, () =>
            {
                foreach (var f in findings)
                {
                    json.WriteResult(1, f.CaseId, engine.Evaluate(f));
                    if (output.WrittenCount > 1 << 19)
                    {
                        output.ResetWrittenCount();
                    }
                }
            });
            Measure("read csv", rows, () => ReadAll(new CsvRecordReader(64 * 1024), csv));
            Measure("sep: cells only", rows, () => SepCells(csv));
            Measure("sep: cells parsed", rows, () => SepParsed(csv));
            Measure("read ndjson", rows, () => ReadAll(new NdjsonRecordReader(64 * 1024), ndjson));
            Measure("batch csv->csv", rows, () => Cohort.Score(runner, csv, BatchFormat.Csv, BatchFormat.Csv));
            Measure("batch ndjson->ndjson", rows, () => Cohort.Score(runner, ndjson, BatchFormat.Ndjson, BatchFormat.Ndjson));
            Measure("batch ndjson (0% bad)", rows, () => Cohort.Score(runner, ndjsonValid, BatchFormat.Ndjson, BatchFormat.Ndjson));
            Measure("batch csv (0% bad)", rows, () => Cohort.Score(runner, csvValid, BatchFormat.Csv, BatchFormat.Csv));
        }
    }

    /// <summary>Frames and parses every record on one thread.</summary>
    private static void ReadAll(IRecordReader reader, byte[] data)
    {
        var record = default(ParsedRecord);
        IRecordParser? parser = null;
        var position = 0;
        while (true)
        {
            var status = reader.Read(data.AsSpan(position), isFinalBlock: true, out var consumed, ref record);
            if (status == RecordStatus.End)
            {
                return;
            }

            if (status == RecordStatus.Record && record.TextLength > 0)
            {
                parser ??= reader.CreateParser();
                parser.Parse(data.AsSpan(position + record.TextStart, record.TextLength), ref record);
            }

            position += consumed;
        }
    }

    /// <summary>
    /// Sep (nietras/Sep) reading the same CSV: every cell of every row, unescaped, and nothing parsed. The batch
    /// path's "read csv" does more (frames, splits and parses every cell into the findings' values); if Sep's cells
    /// alone take longer, Sep cannot make the reader faster.
    /// </summary>
    private static void SepCells(byte[] data)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true })
            .From(new MemoryStream(data));
        var total = 0L;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                total += row[i].Span.Length;
            }
        }

        GC.KeepAlive(total);
    }

    /// <summary>
    /// Sep reading the same CSV into the findings' values: each cell (UTF-16, as Sep gives it) back to UTF-8 and
    /// through the batch path's own cell conversion, which is what a Sep-based reader would have to do.
    /// </summary>
    private static void SepParsed(byte[] data)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(new MemoryStream(data));
        var columns = reader.Header.ColNames.Select(FindingsSchema.Field).ToArray();
        var parser = new CsvRowParser(columns);
        var values = new FindingValues();
        Span<byte> cell = stackalloc byte[1024];
        foreach (var row in reader)
        {
            values.Clear();
            for (var i = 0; i < row.ColCount; i++)
            {
                var text = row[i].Span.Trim();
                if (!text.IsEmpty)
                {
                    parser.ReadCell(columns[i], cell[..Encoding.UTF8.GetBytes(text, cell)], values);
                }
            }
        }
    }

    private static void Measure(string name, int count, Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-24} {count / seconds,12:N0} rows/s  ({seconds * 1e9 / count:N0} ns/row)"));
    }
}
