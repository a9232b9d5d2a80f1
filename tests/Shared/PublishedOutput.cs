using System.Collections.Concurrent;
using System.Diagnostics;

namespace ImnmDecision.Tests.Shared;

/// <summary>
/// <c>dotnet publish</c> of a project of the repository into a temporary folder, once per test run, from the
/// build the tests already made (<c>--no-build</c>, a few seconds). Tests start what it publishes from another
/// folder, as an operator would.
/// </summary>
internal static class PublishedOutput
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly ConcurrentDictionary<string, Lazy<string>> Folders = new(StringComparer.Ordinal);

    /// <summary>The folder <c>src/{project}</c> was published to.</summary>
    public static string Of(string project) =>
        Folders.GetOrAdd(project, name => new Lazy<string>(() => Publish(name), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string Publish(string project)
    {
        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "imnm-publish-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", System.IO.Path.Combine("src", project), "--no-build", "-c", Configuration, "-o", output, "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish {project} took more than 3 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return output;
    }
}
