using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using ImnmDecision.Benchmarks.Fhir;
using ImnmDecision.CdsHooks;
using ImnmDecision.CdsHooks.Prefetch;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImnmDecision.Benchmarks;

/// <summary>
/// One search with its next pages (3 pages of 20 CK Observations, about 60 KB) from a FHIR server on 127.0.0.1,
/// read into Firely POCOs two ways over the same kind of HttpClient: the CDS Hooks FHIR client
/// (<c>FhirServerClient</c>: streamed into pooled blocks, parsed entry by entry with Firely's System.Text.Json
/// deserializer, caps and the same-base paging rule) and Firely's own <c>FhirClient</c> (SearchAsync, then
/// ContinueAsync until there is no next link).
/// </summary>
[MemoryDiagnoser]
public class FhirSearchBenchmarks : IDisposable
{
    private const int Pages = 3;
    private const int EntriesPerPage = 20;
    private LocalFhirServer server = null!;
    private FhirServerClient ours = null!;
    private FhirClient firely = null!;
    private HttpClient oursHttp = null!;
    private HttpClient firelyHttp = null!;
    private FhirBodyPool pool = null!;
    private FhirServerTarget target = null!;
    private CdsHooksOptions options = null!;

    [GlobalSetup]
    public void Setup()
    {
        server = new LocalFhirServer(Pages, EntriesPerPage);
        options = new CdsHooksOptions();
        var monitor = new FixedOptions<CdsHooksOptions>(options);
        pool = new FhirBodyPool(monitor);
        oursHttp = new HttpClient(Handler()) { Timeout = Timeout.InfiniteTimeSpan };
        ours = new FhirServerClient(oursHttp, pool, monitor, NullLogger<FhirServerClient>.Instance);
        target = new FhirServerTarget(server.BaseUrl, AllowPrivateNetwork: true);
        firelyHttp = new HttpClient(new AllowLoopbackHandler(Handler())) { Timeout = Timeout.InfiniteTimeSpan };
        firely = new FhirClient(server.BaseUrl, firelyHttp, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
        if (Ours().GetAwaiter().GetResult() != Pages * EntriesPerPage || Firely().GetAwaiter().GetResult() != Pages * EntriesPerPage)
        {
            throw new InvalidOperationException("Both clients must read every page.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && server is not null)
        {
            firely.Dispose();
            oursHttp.Dispose();
            firelyHttp.Dispose();
            pool.Dispose();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            server = null!;
        }
    }

    [Benchmark(Baseline = true, Description = "FhirServerClient (ours)")]
    public async Task<int> Ours()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await ours.FetchAsync(target, LocalFhirServer.Search, "token", new FetchAllowance(options.FhirMaxBytesPerHook), budget.Token, CancellationToken.None);
        return result.Entries.Count;
    }

    [Benchmark(Description = "Firely FhirClient")]
    public async Task<int> Firely()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var count = 0;
        var query = new SearchParams().Where("patient=pt-1").Where("code=http://loinc.org|2157-6").OrderBy("date", SortOrder.Descending);
        var bundle = await firely.SearchAsync<Observation>(query, budget.Token);
        while (bundle is not null)
        {
            count += bundle.Entry.Count(e => e.Resource is not null);
            bundle = await firely.ContinueAsync(bundle, ct: budget.Token);
        }

        return count;
    }

    private static SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = GuardedConnector.ConnectAsync,
    };
}
