namespace ImnmDecision.Tests.Shared;

/// <summary>
/// The repository's folders, found by walking up from the test binaries to ImnmDecision.sln. One source file,
/// linked into every test project.
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Rules => System.IO.Path.Combine(Path, "rules");

    /// <summary>Copies rules/ (schemas included) into a new temporary folder, to break it on purpose.</summary>
    public static string CopyRules(string prefix)
    {
        var target = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Rules, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(Rules, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ImnmDecision.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ImnmDecision.sln not found above {AppContext.BaseDirectory}.");
    }
}
