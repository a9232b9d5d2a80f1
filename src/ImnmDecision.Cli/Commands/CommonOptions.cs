using System.CommandLine;

namespace ImnmDecision.Cli.Commands;

/// <summary>Options more than one command takes.</summary>
internal static class CommonOptions
{
    public static Option<string?> Store() => new("--store")
    {
        Description = "Write an audit entry (ids, counts, ruleset, duration; no patient data) to this SQLite store file. "
            + "Default: the PostgreSQL store in the environment variable Store__ConnectionString, else the SQLite file in Store__SqlitePath, else no audit.",
        HelpName = "file",
    };

    public static Option<string?> Rules() => new("--rules")
    {
        Description = "The rules folder (default: rules/ beside imnm, else the nearest rules/ with a ruleset.json above the working directory).",
        HelpName = "folder",
    };
}
