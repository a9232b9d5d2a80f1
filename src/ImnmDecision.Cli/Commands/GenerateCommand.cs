using System.CommandLine;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cohorts;
using ImnmDecision.Cli.Output;

namespace ImnmDecision.Cli.Commands;

/// <summary>
/// <c>imnm generate --rows N --seed S [--invalid-fraction F] -o file</c>: a synthetic, reproducible cohort
/// (the same seed gives the same bytes) for measurements and demonstrations.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var rows = new Option<long>("--rows", "-n") { Description = "How many cases.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of the random generator; the same seed gives the same file.", DefaultValueFactory = _ => 1 };
        var invalid = new Option<double>("--invalid-fraction") { Description = "Share of rows (0 to 1) with a deliberate defect.", DefaultValueFactory = _ => 0.01 };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (.csv, .ndjson, .jsonl or .json; default: CSV on standard output).", HelpName = "file" };
        var format = CommonOptions.Format("--format", "csv, ndjson or json (default: from the file's extension).", "-f");
        var command = new Command("generate", "Write a synthetic, anonymized cohort with a realistic mix of presentations and some invalid rows.")
        {
            rows, seed, invalid, output, format,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(rows) < 0)
            {
                result.AddError("--rows must be 0 or more.");
            }

            if (result.GetValue(invalid) is not (>= 0 and <= 1))
            {
                result.AddError("--invalid-fraction must be between 0 and 1.");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(invalid), parse.GetValue(output), parse.GetValue(format), console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(long rows, int seed, double invalidFraction, string? output, BatchFormat? format, CliConsole console, CancellationToken cancellationToken)
    {
        var toStdout = output is null or "-";
        var chosen = format ?? (!toStdout && BatchFormats.TryFromPath(output, out var byExtension) ? byExtension : BatchFormat.Csv);
        var generator = new CohortGenerator(seed, invalidFraction);
        await using var stream = toStdout
            ? console.OpenStandardOutput()
            : OutputFile.Open(console.Resolve(output!));
        await CohortWriter.WriteAsync(stream, chosen, generator, rows, cancellationToken);
        if (!toStdout)
        {
            console.Error.WriteLine($"Wrote {rows:N0} cases (seed {seed}, invalid fraction {invalidFraction}) to {TerminalText.Of(output)}.");
        }

        return ExitCodes.Success;
    }
}
