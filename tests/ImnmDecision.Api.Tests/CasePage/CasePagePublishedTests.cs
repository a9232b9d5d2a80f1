using System.Net;
using ImnmDecision.Api.CasePage;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.CasePage;

/// <summary>The published app (not the repository) serves the case page's files from its own assembly when switched on.</summary>
public sealed class CasePagePublishedTests
{
    [Fact]
    public async Task Published_WithTheCasePageSwitchedOn_ServesThePageItsScriptAndItsForm()
    {
        await using var api = ApiProcess.Start("Production", $"--{CasePageSetup.SwitchKey}=true");
        (await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60))).Should().Be(HttpStatusCode.OK, api.Output);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        (await client.GetStringAsync(new Uri("/", UriKind.Relative))).Should().Contain("<script src=\"/case-page/case-page.js\" defer></script>");
        (await client.GetStringAsync(new Uri("/case-page/case-page.js", UriKind.Relative))).Should().Contain("/case-page/form.json");
        (await client.GetStringAsync(new Uri("/case-page/form.json", UriKind.Relative))).Should().Contain("\"path\":\"patient.ageYears\"");
    }
}
