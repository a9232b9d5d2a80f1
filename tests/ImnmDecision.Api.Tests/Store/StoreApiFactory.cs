using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImnmDecision.Api.Tests.Store;

/// <summary>The API with open test access (no tokens, no limits) on a given store; CDS Hooks without JWTs unless the settings say so.</summary>
public sealed class StoreApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production").UseOpenTestAccess().UseSetting("CdsHooks:RequireJwt", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
