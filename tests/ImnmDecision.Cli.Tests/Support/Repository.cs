using ImnmDecision.Tests.Shared;

namespace ImnmDecision.Cli.Tests.Support;

/// <summary>Paths inside the repository that the CLI tests use.</summary>
internal static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string Rules => RepositoryRoot.Rules;

    public static string Cohorts => Path.Combine(Root, "tests", "cohorts");

    /// <summary>Copies rules/ into a new temporary folder, to break it on purpose.</summary>
    public static string CopyRules() => RepositoryRoot.CopyRules("imnm-cli-rules-");
}
