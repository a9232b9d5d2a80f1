using System.CommandLine;
using ImnmDecision.Cli.Commands;

namespace ImnmDecision.Cli;

/// <summary>
/// The <c>imnm</c> command line: <c>score</c>, <c>rules check</c>, <c>explain</c> and <c>generate</c>, on the
/// same engine, readers and writers as the HTTP API.
/// </summary>
internal static class ImnmCli
{
    public static RootCommand Build(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return new RootCommand("imnm: IMNM decision support from the command line. Score anonymized cohorts, check a ruleset, explain one case.")
        {
            ScoreCommand.Create(console),
            RulesCommand.Create(console),
            ExplainCommand.Create(console),
            GenerateCommand.Create(console),
        };
    }

    /// <summary>Parses and runs a command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync(error.Message);
            }

            await console.Error.WriteLineAsync("Run 'imnm --help' (or 'imnm <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
