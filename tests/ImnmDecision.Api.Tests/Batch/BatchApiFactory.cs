using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ImnmDecision.Api.Tests.Batch;

/// <summary>
/// The API for batch tests: in memory (TestServer) or on a real socket (Kestrel on 127.0.0.1, a free port),
/// with extra settings (Batch:MaxRows) and every log event captured.
/// </summary>
public sealed class BatchApiFactory : WebApplicationFactory<Program>
{
    private readonly bool kestrel;
    private readonly IReadOnlyDictionary<string, string?> settings;

    public BatchApiFactory()
        : this(kestrel: false, new Dictionary<string, string?>())
    {
    }

    internal BatchApiFactory(bool kestrel, IReadOnlyDictionary<string, string?> settings)
    {
        this.kestrel = kestrel;
        this.settings = settings;
        if (kestrel)
        {
            UseKestrel();
        }
    }

    public CapturingSink Logs { get; } = new();

    /// <summary>The socket address (Kestrel only).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>().Addresses;
            return new Uri(addresses.Single());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production").UseOpenTestAccess();
        builder.UseSetting("CdsHooks:PublicBaseUrl", "http://localhost"); // The JWT audience (required while JWT checking is on).
        if (kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}
