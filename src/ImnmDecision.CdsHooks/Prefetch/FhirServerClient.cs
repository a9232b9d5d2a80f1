using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ImnmDecision.CdsHooks.Fhir;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// Reads and searches the EHR's FHIR server with the bearer token the EHR handed over, following <c>next</c>
/// links under the same base URL only, and never to a page already read (a server whose links loop has given
/// all it has). Every page that arrived is kept when the time budget or a later page
/// fails; what was not reached is said. Bodies are streamed into blocks of the service's bounded pool (<see cref="FhirBodyPool"/>) with a per-response cap and
/// a per-hook cap, so a hostile server cannot inflate memory. Neither the token nor the URLs (they carry the
/// patient id) are logged; failures are logged by kind only.
/// </summary>
internal sealed partial class FhirServerClient(HttpClient http, FhirBodyPool pool, IOptionsMonitor<CdsHooksOptions> options, ILogger<FhirServerClient> logger)
{
    /// <summary>
    /// Runs one prefetch query (a read or a search) against the server; never throws for server failures. The
    /// <paramref name="key"/> it answers, when given, says when its first page suffices (see <see cref="PrefetchKey.FirstPageSuffices"/>).
    /// </summary>
    public Task<FhirFetchResult> FetchAsync(
        FhirServerTarget server, string relativeQuery, string? accessToken, FetchAllowance allowance, CancellationToken budget, CancellationToken caller, PrefetchKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(relativeQuery);
        var url = new Uri(server.BaseUrl, relativeQuery.TrimStart('/'));
        var isRead = !relativeQuery.Contains('?', StringComparison.Ordinal);
        return PagesAsync(server, url, isRead, 0, accessToken, allowance, budget, caller, key);
    }

    /// <summary>Follows a <c>next</c> link of a prefetched Bundle; <paramref name="pagesBefore"/> pages are already in hand.</summary>
    public Task<FhirFetchResult> ContinueAsync(
        FhirServerTarget server, Uri next, int pagesBefore, string? accessToken, FetchAllowance allowance, CancellationToken budget, CancellationToken caller)
    {
        ArgumentNullException.ThrowIfNull(server);
        return PagesAsync(server, next, false, pagesBefore, accessToken, allowance, budget, caller);
    }

    private async Task<FhirFetchResult> PagesAsync(
        FhirServerTarget server, Uri first, bool isRead, int pagesBefore, string? accessToken, FetchAllowance allowance, CancellationToken budget, CancellationToken caller, PrefetchKey? key = null)
    {
        var maxPages = Math.Max(1, options.CurrentValue.FhirMaxPages);
        var entries = new List<FhirEntry>();
        var unreadable = 0;
        var partial = 0;
        var pages = 0;
        var read = new HashSet<string>(StringComparer.Ordinal) { first.AbsoluteUri };
        Uri? url = first;
        while (url is not null)
        {
            if (pagesBefore + pages >= maxPages)
            {
                return Result(truncation: $"more than {maxPages} pages of results; the rest were not read");
            }

            var (page, failure) = await PageAsync(server, url, isRead && pages == 0, accessToken, allowance, budget, caller);
            if (page is null)
            {
                LogFailure(failure!, pagesBefore + pages);
                return pages + pagesBefore == 0
                    ? Result(failure: failure)
                    : Result(truncation: $"only {pagesBefore + pages} page(s) of results were read; the FHIR server could not be used for the rest");
            }

            pages++;
            entries.AddRange(page.Entries);
            unreadable += page.Unreadable;
            partial += page.Partial;
            if (page.Dropped > 0 || (entries.Count >= FhirPage.MaxEntries && page.Next is not null))
            {
                return Result(truncation: FhirPage.OverLimit);
            }

            if (page.Next is null || key?.FirstPageSuffices(page.Self) == true)
            {
                return Result();
            }

            if (!Uri.TryCreate(page.Next, UriKind.Absolute, out var next) || !server.Contains(next))
            {
                LogFailure("next link outside the server's base URL, not followed", pagesBefore + pages);
                return Result(truncation: $"{pagesBefore + pages} page(s) of results were read; a link to more points outside the FHIR server and was not followed");
            }

            if (!read.Add(next.AbsoluteUri))
            {
                LogFailure("next link back to a page already read, not followed", pagesBefore + pages);
                return Result();
            }

            url = next;
        }

        return Result();

        FhirFetchResult Result(string? failure = null, string? truncation = null) =>
            new() { Entries = entries, Pages = pages, Unreadable = unreadable, Partial = partial, Failure = failure, Truncation = truncation };
    }

    private async Task<(FhirPage? Page, string? Failure)> PageAsync(
        FhirServerTarget server, Uri url, bool isRead, string? accessToken, FetchAllowance allowance, CancellationToken budget, CancellationToken caller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        request.Options.Set(GuardedConnector.AllowPrivateNetwork, server.AllowPrivateNetwork);
        if (!string.IsNullOrEmpty(accessToken) && server.Contains(url))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, budget);
            if (isRead && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                // A read of a resource that does not exist: nothing found, like a null prefetch.
                return (new FhirPage { Entries = [] }, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            var cap = Math.Clamp(options.CurrentValue.FhirMaxResponseBytes, 1024, int.MaxValue - 1);
            var (body, problem) = await FhirBody.ReadAsync(response.Content, cap, allowance, pool, budget);
            if (body is null)
            {
                return (null, problem);
            }

            using (body)
            {
                var page = FhirSequenceParsing.Page(body.Sequence);
                return page.Failed ? (null, "the answer is an OperationOutcome or not a FHIR resource") : (page, null);
            }
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return (null, "time budget ran out");
        }
        catch (HttpRequestException exception)
        {
            return (null, $"request failed ({exception.HttpRequestError})");
        }
        catch (JsonException)
        {
            return (null, "unreadable JSON");
        }
        catch (IOException)
        {
            return (null, "connection broken");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The FHIR server could not be used after {PageCount} page(s): {Reason}")]
    private partial void LogFailure(string reason, int pageCount);
}
