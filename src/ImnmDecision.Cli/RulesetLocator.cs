using ImnmDecision.Engine.Rules;
using ImnmDecision.Cli.Output;

namespace ImnmDecision.Cli;

/// <summary>
/// Finds the rules folder when none is given: <c>rules/</c> beside the tool (a published or installed <c>imnm</c>
/// carries its ruleset), else the nearest <c>rules/</c> holding a <c>ruleset.json</c>, walking up from the working
/// directory (then from the tool's own folder), so a built <c>imnm</c> works anywhere in the repository.
/// </summary>
internal static class RulesetLocator
{
    /// <summary>The folder to use: the one given (made absolute), or the nearest <c>rules/</c>, or null when none is found.</summary>
    public static string? Resolve(string? given, CliConsole console)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return console.Resolve(given);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "rules");
        return File.Exists(Path.Combine(beside, RulesetLoader.RulesetFile))
            ? beside
            : RulesetLoader.FindFolder(console.WorkingDirectory, AppContext.BaseDirectory);
    }

    /// <summary>
    /// Loads the ruleset for a command, printing every defect to <see cref="CliConsole.Error"/> when it cannot;
    /// returns null then (exit code <see cref="ExitCodes.RulesetInvalid"/>).
    /// </summary>
    public static Ruleset? Load(string? given, CliConsole console)
    {
        var folder = Resolve(given, console);
        if (folder is null)
        {
            console.Error.WriteLine("No rules folder found: none was given with --rules, and no rules/ruleset.json lies above the working directory.");
            return null;
        }

        var (ruleset, errors) = RulesetLoader.Check(folder);
        if (ruleset is not null)
        {
            return ruleset;
        }

        console.Error.WriteLine($"The ruleset in {TerminalText.Of(folder)} has {errors.Count} defect(s); run 'imnm rules check' for the list:");
        foreach (var error in errors.Take(20))
        {
            console.Error.WriteLine($"  {TerminalText.Of(error.ToString())}");
        }

        return null;
    }
}
