using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.CdsHooks.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// The API on a real socket (Kestrel on 127.0.0.1, a free port), Production, with settings and a log sink, and
/// the start-up HTTP warm-up around its server.
/// </summary>
public sealed class CdsKestrelFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly CapturingSink sink;

    public CdsKestrelFactory(IReadOnlyDictionary<string, string?> settings, CapturingSink sink)
    {
        this.settings = settings;
        this.sink = sink;
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production").UseOpenTestAccess().UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink));
    }

    // The factory registers its own Kestrel after the service's set-up; wrap that one, as AddCdsHooks wraps the
    // service's server.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(CdsWarmUpServer.Decorate);
        return base.CreateHost(builder);
    }
}
