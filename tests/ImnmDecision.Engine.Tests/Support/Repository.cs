namespace ImnmDecision.Engine.Tests.Support;

/// <summary>Finds the repository's folders from the test's output directory.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string RulesFolder => Path.Combine(Root, "rules");

    public static string CasesFolder => Path.Combine(Root, "tests", "cases");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "rules", "ruleset.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (a folder with rules/ruleset.json) was not found above " + AppContext.BaseDirectory);
    }
}
