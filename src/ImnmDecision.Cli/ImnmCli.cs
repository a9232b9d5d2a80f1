using System.CommandLine;
using ImnmDecision.Cli.Commands;
using ImnmDecision.Cli.Output;

namespace ImnmDecision.Cli;

/// <summary>
/// The <c>imnm</c> command line: <c>score</c>, <c>rules check</c>, <c>explain</c> and <c>generate</c>, on the
/// same engine, readers and writers as the HTTP API.
/// </summary>
internal static class ImnmCli
{
    private const string UsageHint = "Run 'imnm --help' (or 'imnm <command> --help') for usage.";

    public static RootCommand Build(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return new RootCommand("imnm: IMNM decision support from the command line. Score anonymized cohorts, check a ruleset, explain one case.")
        {
            ScoreCommand.Create(console),
            RulesCommand.Create(console),
            ExplainCommand.Create(console),
            GenerateCommand.Create(console),
            SummaryCommand.Create(console),
        };
    }

    /// <summary>Parses and runs a command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (InvalidOperationException exception)
        {
            // A command's validator read an option whose value does not convert (imnm generate --rows abc): the
            // parser throws instead of reporting it. A wrong command line all the same, in one line.
            await console.Error.WriteLineAsync(TerminalText.Of(exception.Message));
            await console.Error.WriteLineAsync(UsageHint);
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            // The parser's messages quote the arguments as typed: when one holds control characters, the messages
            // are shown without any (their own line breaks included); otherwise as the parser wrote them.
            var hostile = args.Any(a => TerminalText.Of(a) != a);
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync(hostile ? TerminalText.Of(error.Message) : error.Message);
            }

            await console.Error.WriteLineAsync(UsageHint);
            return ExitCodes.Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // One line, no stack trace: a file that cannot be read or written (its path is the user's own).
            await console.Error.WriteLineAsync($"imnm: {TerminalText.Of(exception.Message)}");
            return ExitCodes.InputRefused;
        }
#pragma warning disable CA1031 // The last resort of a command-line tool: one line and a documented exit code, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"imnm: internal error ({exception.GetType().Name}); please report it with the command line used.");
            return ExitCodes.InternalError;
        }
    }
}
