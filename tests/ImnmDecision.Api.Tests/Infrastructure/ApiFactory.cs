using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>The API in memory (TestServer), as it runs in production, with the repository's rules/.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production").UseOpenTestAccess();
        builder.UseSetting("CdsHooks:PublicBaseUrl", "http://localhost"); // The JWT audience (required while JWT checking is on).
    }
}
