using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// A FHIR server on 127.0.0.1 (a free port) that answers every request with whatever the test's handler
/// writes: gzip nobody asked for, redirects, bombs. It records each request's path, query and Authorization.
/// </summary>
internal sealed class HostileFhirServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private HostileFhirServer(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The FHIR base URL, ending with a slash.</summary>
    public string BaseUrl { get; private set; } = null!;

    /// <summary>Every request: path and query, and the Authorization header.</summary>
    public ConcurrentQueue<(string PathAndQuery, string? Authorization)> Requests { get; } = new();

    /// <summary>Host settings that allow this server (http on loopback, allowed explicitly) with a fetch budget.</summary>
    public Dictionary<string, string?> Settings(int budgetMs) => new()
    {
        ["CdsHooks:FhirFetchBudgetMs"] = budgetMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CdsHooks:FhirServers:0:Url"] = BaseUrl,
        ["CdsHooks:FhirServers:0:AllowHttp"] = "true",
        ["CdsHooks:FhirServers:0:AllowPrivateNetwork"] = "true",
    };

    public static async Task<HostileFhirServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HostileFhirServer(app);
        app.Run(http =>
        {
            server.Requests.Enqueue((http.Request.Path + http.Request.QueryString, http.Request.Headers.Authorization.FirstOrDefault()));
            return handler(http);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = address + "/fhir/R4/";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
