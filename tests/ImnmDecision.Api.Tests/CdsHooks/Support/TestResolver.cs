using ImnmDecision.CdsHooks;
using ImnmDecision.CdsHooks.Prefetch;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// The prefetch resolver wired as in Production (allow-list policy, guarded connect step, caps), with the
/// local test server allowed explicitly (http on loopback) unless other rules are given.
/// </summary>
internal static class TestResolver
{
    public static PrefetchResolver Create(FakeFhirServer server, int budgetMs = 400, FhirServerRule[]? rules = null, Action<CdsHooksOptions>? configure = null, FhirBodyPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        rules ??= [new FhirServerRule { Url = server.BaseUrl.ToString(), AllowHttp = true, AllowPrivateNetwork = true }];
        var settings = new CdsHooksOptions { FhirFetchBudgetMs = budgetMs, FhirServers = [.. rules] };
        configure?.Invoke(settings);
        var options = new StaticOptions<CdsHooksOptions>(settings);
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.All, ConnectCallback = GuardedConnector.ConnectAsync }) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new FhirServerClient(http, pool ?? new FhirBodyPool(options), options, NullLogger<FhirServerClient>.Instance);
        var policy = new FhirServerPolicy(options, new HostingEnvironment { EnvironmentName = "Production" }, NullLogger<FhirServerPolicy>.Instance);
        return new PrefetchResolver(client, policy, new MedicationFollowUp(client), options, NullLogger<PrefetchResolver>.Instance);
    }
}
