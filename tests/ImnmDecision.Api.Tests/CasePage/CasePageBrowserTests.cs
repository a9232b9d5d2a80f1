using ImnmDecision.Api.CasePage;
using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ImnmDecision.Api.Tests.CasePage;

/// <summary>
/// The case page at / in a real headless Chromium at 1366x768, under the service's own security headers: a red-flag
/// case typed in shows its critical alert without scrolling, a wrong value shows its error beside its field, and
/// an example case fills the form in one click. Needs Debian's chromium (see <see cref="DebianChromium"/>).
/// </summary>
public sealed class CasePageBrowserTests
{
    private const int Width = 1366;
    private const int Height = 768;

    /// <summary>How long an answer of the service may take to show on a loaded 2-core machine.</summary>
    private const float AnswerTimeout = 20_000;

    private sealed class Session : IAsyncDisposable
    {
        private readonly KestrelApiFactory factory = new((CasePageSetup.SwitchKey, "true"));
        private IPlaywright? playwright;
        private IBrowser? browser;

        public IPage Page { get; private set; } = null!;

        /// <summary>Console lines saying the page broke the Content Security Policy (an inline script, an eval).</summary>
        public List<string> PolicyViolations { get; } = [];

        /// <summary>The assessments the page posted.</summary>
        public int Posts { get; private set; }

        public async Task OpenAsync()
        {
            var baseAddress = factory.BaseAddress;
            baseAddress.Host.Should().Be("127.0.0.1");
            playwright = await Playwright.CreateAsync();
            browser = await HeadlessChromium.LaunchAsync(playwright);
            Page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = Width, Height = Height } });
            Page.SetDefaultTimeout(AnswerTimeout);
            Page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    PolicyViolations.Add(message.Text);
                }
            };
            Page.Request += (_, request) => Posts += request.Method == "POST" && request.Url.EndsWith("/api/v1/assessments", StringComparison.Ordinal) ? 1 : 0;
            var response = await Page.GotoAsync(new Uri(baseAddress, "/").ToString());
            response!.Headers.Should().ContainKey("content-security-policy");
            await Assertions.Expect(Page.Locator("body[data-ready=true]")).ToHaveCountAsync(1, new() { Timeout = AnswerTimeout });
        }

        public async ValueTask DisposeAsync()
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright?.Dispose();
            factory.Dispose();
        }
    }

    [Fact]
    public async Task CasePage_RedFlagCaseTypedIn_ShowsTheCriticalAlertWithoutScrollingAndEscapesTheCaseId()
    {
        await using var session = new Session();
        await session.OpenAsync();
        var page = session.Page;

        await page.Locator("#f-caseId").FillAsync("bed-12 <script>window.pwned=1</script><img src=x>");
        await page.Locator("#f-patient-ageYears").FillAsync("37");
        await page.Locator("#f-patient-sex").SelectOptionAsync("male");
        await page.Locator("#f-patient-weightKg").FillAsync("78");
        await page.Locator("#f-ck-value").FillAsync("15000");
        await page.Locator("#f-ck-unit").SelectOptionAsync("U/L");
        await page.Locator("#f-ck-upperLimitOfNormal").FillAsync("200");
        await page.Locator("#f-antibodies-hmgcr").SelectOptionAsync("negative");
        await page.Locator("#f-antibodies-srp").SelectOptionAsync("positive");
        await page.Locator("#f-clinical-proximalWeakness").SelectOptionAsync("severe");
        await page.Locator("#f-clinical-onset").SelectOptionAsync("acute");
        await page.Locator("#f-clinical-dysphagia").SelectOptionAsync("yes");
        await page.Locator("#f-clinical-respiratoryWeakness").SelectOptionAsync("yes");
        await page.Locator("#assess").ClickAsync();

        var critical = page.Locator("#report li.alert-critical").First;
        await Assertions.Expect(critical).ToBeVisibleAsync(new() { Timeout = AnswerTimeout });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "case-page-red-flags.png") });
        (await page.EvaluateAsync<double>("window.scrollY")).Should().Be(0, "the page itself never scrolls; each pane scrolls on its own");
        (await page.EvaluateAsync<double>("document.getElementById('report-pane').scrollTop")).Should().Be(0);
        foreach (var locator in new[] { page.Locator("#report .summary"), critical })
        {
            var box = await locator.BoundingBoxAsync();
            box.Should().NotBeNull();
            box!.Y.Should().BeGreaterThanOrEqualTo(0);
            (box.Y + box.Height).Should().BeLessThanOrEqualTo(Height, "the summary and the critical alert are in view at 1366x768 without scrolling");
            (box.X + box.Width).Should().BeLessThanOrEqualTo(Width);
        }

        await Assertions.Expect(critical).ToContainTextAsync("CRITICAL");
        await Assertions.Expect(page.Locator("#report h1")).ToContainTextAsync("bed-12 <script>window.pwned=1</script><img src=x>");
        (await page.Locator("#report script, #report img").CountAsync()).Should().Be(0, "the caseId is shown as text, never as markup");
        (await page.EvaluateAsync<bool>("window.pwned === undefined")).Should().BeTrue();
        session.PolicyViolations.Should().BeEmpty("the page runs under default-src 'self' and script-src 'self'");
    }

    [Fact]
    public async Task CasePage_ValueOutOfRangeOrNotANumber_ShowsTheFieldsErrorBesideIt_ThenAnExampleFillsTheForm()
    {
        await using var session = new Session();
        await session.OpenAsync();
        var page = session.Page;

        // Out of range: the server's 400 names patient.ageYears; the page puts its sentence under that input.
        await page.Locator("#f-patient-ageYears").FillAsync("250");
        await page.Locator("#f-antibodies-srp").SelectOptionAsync("positive");
        await page.Locator("#assess").ClickAsync();
        var ageError = page.Locator(".field[data-path='patient.ageYears'] .field-error");
        await Assertions.Expect(ageError).ToBeVisibleAsync(new() { Timeout = AnswerTimeout });
        await Assertions.Expect(ageError).ToHaveTextAsync("patient.ageYears must be between 0 and 120.");
        await Assertions.Expect(page.Locator("#status .problem")).ToContainTextAsync("patient.ageYears must be between 0 and 120.");
        await Assertions.Expect(page.Locator("#f-patient-ageYears")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#f-patient-ageYears")).ToBeFocusedAsync();
        session.Posts.Should().Be(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "case-page-field-error.png") });

        // A typo the browser cannot read as a number is named at its field and nothing is sent.
        await page.Locator("#f-patient-ageYears").FillAsync("41");
        await page.Locator("#f-ck-value").PressSequentiallyAsync("12e");
        await page.Locator("#assess").ClickAsync();
        var ckError = page.Locator(".field[data-path='ck.value'] .field-error");
        await Assertions.Expect(ckError).ToHaveTextAsync("ck.value must be a number.");
        await Assertions.Expect(ageError).ToBeHiddenAsync();
        session.Posts.Should().Be(1, "a value that is not a number is not sent as unknown");

        // One click on an example fills the form (clearing the typo); Assess then gives its report.
        await page.Locator("button[data-example=red-flags]").ClickAsync();
        await Assertions.Expect(page.Locator("#f-caseId")).ToHaveValueAsync("example-red-flags");
        await Assertions.Expect(page.Locator("#f-clinical-dysphagia")).ToHaveValueAsync("true");
        await Assertions.Expect(page.Locator("#f-ck-value")).ToHaveValueAsync("15000");
        await page.Locator("#assess").ClickAsync();
        await Assertions.Expect(page.Locator("#report li.alert-critical").First).ToBeInViewportAsync(new() { Timeout = AnswerTimeout });
        await Assertions.Expect(ckError).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("a[href='/swagger']")).ToBeVisibleAsync();

        // The markdown report, shown as text.
        await page.Locator("#format").SelectOptionAsync("text/markdown");
        await page.Locator("#assess").ClickAsync();
        await Assertions.Expect(page.Locator("#report pre.markdown")).ToContainTextAsync("## Alerts", new() { Timeout = AnswerTimeout });
        await Assertions.Expect(page.Locator("#report pre.markdown")).ToContainTextAsync("- **CRITICAL**");
        session.PolicyViolations.Should().BeEmpty();
    }
}
