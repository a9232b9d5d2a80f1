using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// A FHIR R4 server on 127.0.0.1 (a free port) serving one public record (<see cref="RecordSearch"/>), in pages of
/// <see cref="PageSize"/> when a search has no <c>_count</c>, as a sandbox's FHIR server does.
/// </summary>
internal sealed class RecordFhirServer : IAsyncDisposable
{
    public const string AccessToken = "sandbox-access-token-41c9";

    private readonly WebApplication app;

    private RecordFhirServer(WebApplication app, RecordSearch record)
    {
        this.app = app;
        Record = record;
    }

    public RecordSearch Record { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public int PageSize { get; init; } = 10;

    /// <summary>Every request's path and query.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every request's Authorization header (null when it had none).</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>Whether requests without a token are answered, as SMART's open sandbox servers answer them.</summary>
    public bool Open { get; private init; }

    /// <summary>Host settings that allow this server, with a fetch budget.</summary>
    public Dictionary<string, string?> Settings(int budgetMs) => new()
    {
        ["CdsHooks:FhirFetchBudgetMs"] = budgetMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CdsHooks:FhirServers:0:Url"] = BaseUrl.ToString(),
        ["CdsHooks:FhirServers:0:AllowHttp"] = "true",
        ["CdsHooks:FhirServers:0:AllowPrivateNetwork"] = "true",
    };

    public static async Task<RecordFhirServer> StartAsync(RecordSearch record, bool open = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordFhirServer(app, record) { Open = open };
        app.MapGet("/fhir/{**query}", server.Answer);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address + "/fhir");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private IResult Answer(string query, HttpRequest request)
    {
        Requests.Enqueue(request.Path + request.QueryString);
        Authorizations.Enqueue(request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString());
        if (!Open && request.Headers.Authorization != $"Bearer {AccessToken}")
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var answer = Record.Answer(query + request.QueryString, BaseUrl, PageSize);
        return answer is null ? Results.StatusCode(StatusCodes.Status404NotFound) : Results.Text(answer.ToJsonString(), "application/fhir+json");
    }
}
