using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>The API on a real socket (Kestrel on 127.0.0.1, a free port), for a real browser.</summary>
public sealed class KestrelApiFactory : WebApplicationFactory<Program>
{
    private readonly (string Key, string Value)[] settings;

    /// <summary>The API with the test settings, and these on top (<c>("Api:CasePage", "true")</c>).</summary>
    public KestrelApiFactory(params (string Key, string Value)[] settings)
    {
        this.settings = settings;
        UseKestrel();
    }

    /// <summary>The address the server listens on, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.Single());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production").UseOpenTestAccess();
        builder.UseSetting("CdsHooks:PublicBaseUrl", "http://localhost"); // The JWT audience (required while JWT checking is on).
        builder.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
