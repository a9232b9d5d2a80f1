using Microsoft.Playwright;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>
/// Debian's chromium (<see cref="DebianChromium"/>), headless, for the browser tests: Swagger UI and the case page.
/// Playwright's own browser download is never used.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    /// <summary>Starts the browser, failing with the way to install it when chromium is missing.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var chromium = await DebianChromium.PathAsync();
        File.Exists(chromium).Should().BeTrue(
            $"the browser tests drive a real headless Chromium, expected at {chromium}; install it with "
            + "'apt-get update && apt-get install -y chromium' (or set CHROMIUM_PATH)");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Args,
        });
    }
}
