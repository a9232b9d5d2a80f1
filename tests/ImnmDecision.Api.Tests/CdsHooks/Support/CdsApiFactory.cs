using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// The API in memory as it runs in production (environment Production, the repository's rules/), with JWT
/// checking off unless a test turns it on with its own settings.
/// </summary>
public sealed class CdsApiFactory : WebApplicationFactory<Program>
{
    /// <summary>A host with extra settings (and, optionally, a log sink that sees every event).</summary>
    public WebApplicationFactory<Program> With(IDictionary<string, string?> settings, CapturingSink? sink = null) =>
        WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            if (sink is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink));
            }
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production").UseOpenTestAccess();
        builder.UseSetting("CdsHooks:PublicBaseUrl", "http://localhost"); // The JWT audience (required while JWT checking is on).
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CdsHooks:RequireJwt"] = "false",
        }));
    }
}
