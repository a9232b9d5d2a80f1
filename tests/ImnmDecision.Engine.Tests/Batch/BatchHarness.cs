using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cohorts;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>Runs a batch over text held in memory, optionally delivered in small chunks, and returns the output text.</summary>
internal static class BatchHarness
{
    public static Task<(string Output, BatchSummary Summary)> RunAsync(
        string input, BatchFormat inputFormat, BatchFormat? outputFormat = null, BatchOptions? options = null, int chunkBytes = 0) =>
        RunAsync(Encoding.UTF8.GetBytes(input), inputFormat, outputFormat, options, chunkBytes);

    public static async Task<(string Output, BatchSummary Summary)> RunAsync(
        byte[] bytes, BatchFormat inputFormat, BatchFormat? outputFormat = null, BatchOptions? options = null, int chunkBytes = 0)
    {
        var output = new MemoryStream();
        var runner = new BatchRunner(RealRuleset.Engine, options);
        BatchSummary summary;
        if (chunkBytes <= 0)
        {
            summary = await runner.RunAsync(PipeReader.Create(new MemoryStream(bytes)), inputFormat, output, outputFormat ?? inputFormat);
        }
        else
        {
            // A pipe fed a few bytes at a time: every record straddles segments somewhere.
            var pipe = new Pipe();
            var feeding = Task.Run(async () =>
            {
                for (var offset = 0; offset < bytes.Length; offset += chunkBytes)
                {
                    await pipe.Writer.WriteAsync(bytes.AsMemory(offset, Math.Min(chunkBytes, bytes.Length - offset)));
                }

                await pipe.Writer.CompleteAsync();
            });
            summary = await runner.RunAsync(pipe.Reader, inputFormat, output, outputFormat ?? inputFormat);
            await feeding;
        }

        return (Encoding.UTF8.GetString(output.ToArray()), summary);
    }

    /// <summary>The NDJSON lines of an answer, parsed; the last one is the summary.</summary>
    public static List<JsonObject> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];

    /// <summary>The CSV rows of an answer (header first), split into cells (quoted cells unquoted).</summary>
    public static List<string[]> CsvRows(string csv)
    {
        var rows = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                cells.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. cells]);
                cells.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }

    public static string Generate(BatchFormat format, int rows, int seed = 7, double invalidFraction = 0.02)
    {
        using var stream = new MemoryStream();
        CohortWriter.WriteAsync(stream, format, new CohortGenerator(seed, invalidFraction), rows).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
