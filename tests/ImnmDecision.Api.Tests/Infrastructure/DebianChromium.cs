using System.Diagnostics;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>
/// Finds Debian's chromium for the browser test, installing the Debian package once when it is missing and
/// the tests run as root with apt-get (a fresh machine or CI), so the README's single test command passes
/// everything. Never Playwright's own browser download: that cannot be fetched here.
/// </summary>
internal static class DebianChromium
{
    private const string DefaultPath = "/usr/bin/chromium";

    private static readonly Lazy<Task<string>> Located = new(LocateAsync);

    public static Task<string> PathAsync() => Located.Value;

    private static async Task<string> LocateAsync()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }

        if (!File.Exists(DefaultPath) && OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
        {
            await RunAsync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium");
        }

        return DefaultPath;
    }

    private static async Task RunAsync(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        _ = await output;
        _ = await errors;
    }
}
