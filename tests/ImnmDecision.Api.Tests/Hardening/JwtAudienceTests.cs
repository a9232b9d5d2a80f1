using System.Diagnostics;
using System.Net;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>The JWT audience comes from configuration only: never from the Host header; no PublicBaseUrl, no start.</summary>
public sealed class JwtAudienceTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>, IDisposable
{
    private readonly TestJwt ehr = new(TimeProvider.System);

    public void Dispose() => ehr.Dispose();

    [Fact]
    public async Task Call_TokenForTheHostTheCallerChose_IsRefused()
    {
        var settings = ehr.Settings();
        settings["CdsHooks:RequireJwt"] = "true";
        settings["CdsHooks:PublicBaseUrl"] = "https://cds.example.org";
        using var secured = factory.With(settings);
        using var client = secured.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/cds-services/imnm-assessment", UriKind.Relative))
        {
            Content = new StringContent(CdsFixtures.Text("patient-view-anti-srp.json"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "evil.example";
        request.Headers.Authorization = new("Bearer", ehr.Token("http://evil.example/cds-services/imnm-assessment"));

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Process_JwtOnWithoutPublicBaseUrl_ExitsWithOneLineSayingWhy()
    {
        var api = Path.Combine(AppContext.BaseDirectory, "ImnmDecision.Api.dll");
        var start = new ProcessStartInfo("dotnet", [api])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Rules__Folder"] = Path.Combine(RepositoryPaths.Root, "rules");
        start.Environment["CdsHooks__PublicBaseUrl"] = string.Empty;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;

        process.ExitCode.Should().Be(78, stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle().Which.Should().Contain("Invalid setting: CdsHooks:PublicBaseUrl must be set");
        stderr.Should().NotContain("   at ");
    }
}
