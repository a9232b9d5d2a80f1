using ImnmDecision.Engine.Reports;

namespace ImnmDecision.Api.CasePage;

/// <summary>
/// The case page at <c>/</c>: a form generated from the findings schema that posts one case to
/// <c>POST /api/v1/assessments</c> and shows the HTML report beside it. Plain HTML, one script and two style
/// sheets, all served by the service itself (no inline script, so it runs under the security headers' policy).
/// Served when <c>Api:CasePage</c> is on; when not set, in Development only.
/// </summary>
internal static class CasePageSetup
{
    /// <summary><c>Api:CasePage</c>: serve the case page; when not set, on in Development only.</summary>
    public const string SwitchKey = "Api:CasePage";

    /// <summary>Where the page's files are served.</summary>
    public const string AssetPrefix = "/case-page";

    private const string Utf8 = "; charset=utf-8";

    private static readonly (string Path, CasePageAsset Asset)[] Files =
    [
        ("/", CasePageAsset.Embedded("index.html", "text/html" + Utf8)),
        (AssetPrefix + "/case-page.js", CasePageAsset.Embedded("case-page.js", "text/javascript" + Utf8)),
        (AssetPrefix + "/case-page.css", CasePageAsset.Embedded("case-page.css", "text/css" + Utf8)),
        (AssetPrefix + "/report.css", CasePageAsset.Text(() => AssessmentReport.Stylesheet, "text/css" + Utf8)),
        (AssetPrefix + "/form.json", CasePageAsset.Json(CasePageForm.Write)),
        (AssetPrefix + "/examples.json", CasePageAsset.Json(CasePageExamples.Write)),
    ];

    /// <summary>Whether the page is served: <c>Api:CasePage</c>, else Development.</summary>
    public static bool IsOn(WebApplication app) => app.Configuration.GetValue<bool?>(SwitchKey) ?? app.Environment.IsDevelopment();

    public static WebApplication MapCasePage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsOn(app))
        {
            return app;
        }

        foreach (var (path, asset) in Files)
        {
            app.MapGet(path, asset.Result).ExcludeFromDescription();
        }

        return app;
    }
}
