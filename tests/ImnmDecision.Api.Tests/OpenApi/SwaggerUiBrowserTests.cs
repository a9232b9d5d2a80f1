using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// What a clinician does: open Swagger UI in a real browser, open the assessments operation, pick an example,
/// execute, and read the answer. Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH): the test installs
/// the Debian package itself when it is missing and it runs as root. Playwright's own browser download is never used.
/// </summary>
public sealed class SwaggerUiBrowserTests
{
    [Fact]
    public async Task SwaggerUi_PickAnExampleAndExecute_ShowsA200WithTheExpectedSubtype()
    {
        using var factory = new KestrelApiFactory();
        var baseAddress = factory.BaseAddress;
        baseAddress.Host.Should().Be("127.0.0.1");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000); // this page's actions only; no process-wide expect timeout that other browser tests would inherit

        await page.GotoAsync(new Uri(baseAddress, "/swagger").ToString());
        var operation = page.Locator("#operations-Assessments-Assess");
        await operation.Locator(".opblock-summary").ClickAsync();
        var examples = operation.Locator(".opblock-section-request-body .examples-select select");
        await examples.SelectOptionAsync(new SelectOptionValue { Value = "anti-srp" });
        await Assertions.Expect(operation.Locator(".opblock-section-request-body textarea")).ToContainTextAsync("example-srp");

        // Wait for the answer itself, then for Swagger UI to show it (highlighting 13 KB takes seconds on a loaded 2-core machine).
        var sent = await page.RunAndWaitForResponseAsync(
            () => operation.Locator("button.execute").ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/api/v1/assessments", StringComparison.Ordinal));
        sent.Status.Should().Be(200);
        sent.Headers.Should().ContainKey("x-ruleset-version");
        var shown = operation.Locator(".live-responses-table tr.response");
        await Assertions.Expect(shown.Locator(".response-col_status")).ToHaveTextAsync("200", new() { Timeout = 30_000 });
        await Assertions.Expect(shown.Locator(".response-col_description")).ToContainTextAsync("\"code\": \"anti-srp\"", new() { Timeout = 30_000 });
        await Assertions.Expect(shown.Locator(".response-col_description")).ToContainTextAsync("x-ruleset-version", new() { Timeout = 30_000 });

        // What the clinician saw, kept beside the test binaries for a look after a CI run.
        await shown.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "swagger-ui-execute.png") });
    }
}
