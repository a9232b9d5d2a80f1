namespace ImnmDecision.Cli.Tests.Support;

/// <summary>Paths inside the repository, found by walking up to ImnmDecision.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Cohorts => Path.Combine(Root, "tests", "cohorts");

    /// <summary>Copies rules/ into a new temporary folder, to break it on purpose.</summary>
    public static string CopyRules()
    {
        var target = Path.Combine(Path.GetTempPath(), "imnm-cli-rules-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Rules, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImnmDecision.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ImnmDecision.sln not found above {AppContext.BaseDirectory}.");
    }
}
