using ImnmDecision.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImnmDecision.Api.Tests.Security;

/// <summary>The API in Production with its default security, tokens from <see cref="TestTokens"/> and extra settings.</summary>
public sealed class SecuredApiFactory(TestTokens tokens, IReadOnlyDictionary<string, string?> settings, string environment = "Production")
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment).UseSetting("Store:SqlitePath", OpenTestAccess.NewSqlitePath()).UseSetting("CdsHooks:PublicBaseUrl", "http://localhost");
        foreach (var (key, value) in tokens.Settings().Concat(settings))
        {
            builder.UseSetting(key, value);
        }
    }
}
