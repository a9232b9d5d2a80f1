using System.CommandLine;
using System.Diagnostics;
using System.IO.Pipelines;
using ImnmDecision.Cli.Output;
using ImnmDecision.Cli.Sharding;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Store;

namespace ImnmDecision.Cli.Commands;

/// <summary>
/// <c>imnm score &lt;input&gt; [-o output] [--format csv|ndjson|json] [--shard K/N]</c>: scores a cohort file (or standard
/// input) with the same engine, readers and writers as the batch endpoint.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("input")
        {
            Description = "The cohort: a .csv, .ndjson (.jsonl) or .json file, or - for standard input.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the results (default: standard output).",
            HelpName = "file",
        };
        var format = CommonOptions.Format("--format", "Format of the results: csv, ndjson or json (default: the output file's extension, else the input's format).", "-f");
        var inputFormat = CommonOptions.Format("--input-format", "Format of the input when its extension does not say it (default for standard input: --format, else csv).");
        var pin = new Option<string?>("--ruleset-version")
        {
            Description = "Refuse to score unless the ruleset is this one (its tag, id@version+sha, as in every summary).",
            HelpName = "tag",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Score only part K of N of the cohort (rows whose index modulo N is K-1; csv and ndjson input), for one process or machine of N; add the summaries with 'imnm summary merge'.",
            HelpName = "K/N",
        };
        var rawCsv = new Option<bool>("--raw-csv")
        {
            Description = "CSV results hold caseIds and messages as sent. By default a cell starting with =, +, -, @, a tab or a carriage return (and not a number) is prefixed with ' so a spreadsheet does not run it as a formula.",
        };
        var rules = CommonOptions.Rules();
        var store = CommonOptions.Store();
        var command = new Command("score", "Score an anonymized cohort: one result row per case, in input order, then a summary.")
        {
            input, output, format, inputFormat, rules, pin, shard, rawCsv, store,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Request(
                parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(format), parse.GetValue(inputFormat), parse.GetValue(rules), parse.GetValue(pin),
                parse.GetValue(shard), parse.GetValue(rawCsv), parse.GetValue(store)),
            console,
            cancellationToken));
        return command;
    }

    private sealed record Request(string Input, string? Output, BatchFormat? Format, BatchFormat? InputFormat, string? Rules, string? Pin, string? Shard, bool RawCsv, string? Store);

    private static async Task<int> RunAsync(Request request, CliConsole console, CancellationToken cancellationToken)
    {
        var fromStdin = request.Input == "-";
        BatchFormat inputFormat;
        if (request.InputFormat is { } givenInput)
        {
            inputFormat = givenInput;
        }
        else if (!fromStdin && BatchFormats.TryFromPath(request.Input, out var byExtension))
        {
            inputFormat = byExtension;
        }
        else if (fromStdin)
        {
            inputFormat = request.Format ?? BatchFormat.Csv;
        }
        else
        {
            console.Error.WriteLine($"Cannot tell the format of '{TerminalText.Of(request.Input)}' from its extension; give --input-format csv, ndjson or json.");
            return ExitCodes.Usage;
        }

        var outputFormat = request.Format
            ?? (request.Output is { } o && o != "-" && BatchFormats.TryFromPath(o, out var outExtension) ? outExtension : inputFormat);

        Shard? shard = null;
        if (request.Shard is { } shardText)
        {
            shard = Shard.Parse(shardText);
            if (shard is null || inputFormat == BatchFormat.Json)
            {
                console.Error.WriteLine(shard is null
                    ? $"--shard must be K/N with 1 <= K <= N (for example 2/4), not '{TerminalText.Of(shardText)}'."
                    : "--shard reads csv or ndjson input; a JSON array cannot be split as it streams.");
                return ExitCodes.Usage;
            }
        }

        var inputPath = fromStdin ? null : console.Resolve(request.Input);
        if (inputPath is not null && !File.Exists(inputPath))
        {
            console.Error.WriteLine($"The input file '{TerminalText.Of(request.Input)}' {InputFile.Missing(inputPath)}.");
            return ExitCodes.InputRefused;
        }

        var outputPath = request.Output is { } path && path != "-" ? console.Resolve(path) : null;
        if (inputPath is not null && outputPath is not null && OutputFile.IsSameFile(inputPath, outputPath))
        {
            // Opening the output empties it: the cohort would be gone before its first row was read.
            console.Error.WriteLine($"The output file '{TerminalText.Of(request.Output)}' is the input file; write the results to another file. Nothing was scored.");
            return ExitCodes.Usage;
        }

        var ruleset = RulesetLocator.Load(request.Rules, console);
        if (ruleset is null)
        {
            return ExitCodes.RulesetInvalid;
        }

        if (request.Pin is { } pin && !string.Equals(pin.Trim(), ruleset.Identity.Tag, StringComparison.Ordinal))
        {
            console.Error.WriteLine($"Ruleset version mismatch: --ruleset-version asks for '{TerminalText.Of(pin)}', but the rules folder holds '{ruleset.Identity.Tag}'. Nothing was scored.");
            return ExitCodes.RulesetInvalid;
        }

        await using var audit = await CliStore.OpenAsync(request.Store, console, cancellationToken);
        if (audit is null)
        {
            return ExitCodes.StoreUnavailable;
        }

        // A file needs no low-latency flushing: write in larger pieces (fewer system calls). No row limit here.
        var runner = new BatchRunner(new AssessmentEngine(ruleset), new BatchOptions { FlushBytes = 256 * 1024, MaxRows = long.MaxValue, RawCsv = request.RawCsv });
        var progress = new BatchProgress();
        var clock = Stopwatch.StartNew();
        BatchSummary? summary = null;
        ResultFile? resultFile = null;
        await using (var inputStream = Sharded(inputPath is null
            ? console.OpenStandardInput()
            : new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan), shard, inputFormat))
        await using (var outputStream = outputPath is null
            ? console.OpenStandardOutput()
            : resultFile = new ResultFile(outputPath))
        {
            var reader = PipeReader.Create(inputStream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024, leaveOpen: true));
            var display = console.ErrorIsTerminal ? new ProgressDisplay(console.Error, progress, inputPath is null ? null : new FileInfo(inputPath).Length) : null;
            try
            {
                summary = await runner.RunAsync(reader, inputFormat, outputStream, outputFormat, progress, cancellationToken);
                resultFile?.Claim();
            }
            catch (BatchRefusedException refused)
            {
                ProblemPrinter.Print(console.Error, refused.Problem, TerminalText.Of(request.Input));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Error.WriteLine($"Cancelled after {progress.Rows:N0} rows; the output is incomplete.");
                return ExitCodes.Cancelled;
            }
            finally
            {
                if (display is not null)
                {
                    await display.DisposeAsync();
                }

                await reader.CompleteAsync();
            }
        }

        if (summary is null)
        {
            // Refused before any row was scored: leave no empty result file behind, and what was there (a file, /dev/null) as it was.
            if (resultFile is not null)
            {
                await resultFile.DeleteIfCreatedAsync();
            }

            return ExitCodes.InputRefused;
        }

        await audit.RecordAsync(AuditEntries.ForBatch(summary, AuditEntries.CliDoor, null, DateTimeOffset.UtcNow, clock.Elapsed.TotalMilliseconds), CancellationToken.None);
        SummaryTable.Write(console, summary, clock.Elapsed);
        if (summary.Aborted)
        {
            console.Error.WriteLine($"The batch was aborted after {summary.Rows:N0} rows: {summary.AbortReason}");
            return ExitCodes.Aborted;
        }

        return summary.Failed > 0 ? ExitCodes.RowsFailed : ExitCodes.Success;
    }

    private static Stream Sharded(Stream input, Shard? shard, BatchFormat format) =>
        shard is null ? input : new ShardFilterStream(input, shard, csv: format == BatchFormat.Csv);
}
