using System.CommandLine;

namespace ImnmDecision.Cli.Commands;

/// <summary>Options more than one command takes.</summary>
internal static class CommonOptions
{
    public static Option<string?> Rules() => new("--rules")
    {
        Description = "The rules folder (default: rules/ beside imnm, else the nearest rules/ with a ruleset.json above the working directory).",
        HelpName = "folder",
    };
}
