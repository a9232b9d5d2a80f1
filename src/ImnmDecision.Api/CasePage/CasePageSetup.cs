using System.Text;
using ImnmDecision.Api.OpenApi;
using ImnmDecision.Engine.Reports;

namespace ImnmDecision.Api.CasePage;

/// <summary>
/// The case page at <c>/</c>: a form generated from the findings schema that posts one case to
/// <c>POST /api/v1/assessments</c> and shows the HTML report beside it. Plain HTML, one script and two style
/// sheets, all served by the service itself (no inline script, so it runs under the security headers' policy).
/// Served when <c>Api:CasePage</c> is on; when not set, in Development only. Its link to Swagger UI is there only
/// where Swagger UI is served.
/// </summary>
internal static class CasePageSetup
{
    /// <summary><c>Api:CasePage</c>: serve the case page; when not set, on in Development only.</summary>
    public const string SwitchKey = "Api:CasePage";

    /// <summary>Where the page's files are served.</summary>
    public const string AssetPrefix = "/case-page";

    private const string Utf8 = "; charset=utf-8";

    /// <summary>The page's link to Swagger UI, left out where Swagger UI is not served (it would lead to a 404).</summary>
    private const string SwaggerLink = "<a href=\"/swagger\">Swagger UI</a>";

    private static readonly CasePageAsset Page = CasePageAsset.Embedded("index.html", "text/html" + Utf8);

    private static readonly CasePageAsset PageWithoutSwagger = CasePageAsset.Text(WithoutSwaggerLink, "text/html" + Utf8);

    private static readonly (string Path, CasePageAsset Asset)[] Files =
    [
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

        app.MapGet("/", (SwaggerSetup.IsOn(app) ? Page : PageWithoutSwagger).Result).ExcludeFromDescription();
        foreach (var (path, asset) in Files)
        {
            app.MapGet(path, asset.Result).ExcludeFromDescription();
        }

        return app;
    }

    private static string WithoutSwaggerLink()
    {
        var html = Encoding.UTF8.GetString(Page.Bytes);
        return html.Contains(SwaggerLink, StringComparison.Ordinal)
            ? html.Replace(SwaggerLink, string.Empty, StringComparison.Ordinal)
            : throw new InvalidOperationException("The case page's index.html no longer holds its Swagger UI link: update CasePageSetup.SwaggerLink.");
    }
}
