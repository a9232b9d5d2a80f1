using System.Diagnostics;
using ImnmDecision.Tests.Shared;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>The published <c>imnm</c> carries its ruleset and finds it from any folder.</summary>
public sealed class PublishedToolTests
{
    [Fact]
    public async Task Published_RulesCheckFromAnotherFolder_FindsTheRulesBesideIt()
    {
        var published = PublishedOutput.Of("ImnmDecision.Cli");
        var elsewhere = Directory.CreateTempSubdirectory("imnm-cwd-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = elsewhere, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(published, "imnm.dll"), "rules", "check" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, stderr);
        (stdout + stderr).Should().Contain(Path.Combine(published, "rules"));
        Directory.Delete(elsewhere, recursive: true);
    }
}
