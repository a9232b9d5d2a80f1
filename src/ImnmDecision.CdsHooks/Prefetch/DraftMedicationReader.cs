using System.Diagnostics;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Services;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// Reads, for <c>order-select</c>, the Medications that selected draft orders refer to when the drafts neither
/// contain nor carry them: <c>Medication/{id}</c> from the hook's <c>fhirServer</c> with the EHR's bearer token,
/// through <see cref="FhirServerClient"/> (the same server policy, caps and time budget as prefetch fetching). A
/// reference is read only when it is relative or an absolute URL under the server's base URL; one to another
/// host is never followed (with or without the token). At most <see cref="MedicationFollowUp.MaxReads"/> reads.
/// </summary>
internal sealed partial class DraftMedicationReader(
    FhirServerClient client, FhirServerPolicy policy, IOptionsMonitor<CdsHooksOptions> options, ILogger<DraftMedicationReader> logger)
{
    /// <summary>The reason given when no FHIR server came with the call.</summary>
    public const string NoServer = "the EHR gave no FHIR server to read it from";

    /// <summary>The reason given for a reference to a server other than the hook's FHIR server.</summary>
    public const string OtherServer = "it refers to a server other than the hook's FHIR server, which is not called";

    /// <summary>The reason given when the server has no such Medication.</summary>
    public const string NotFound = "the FHIR server has no such Medication";

    /// <summary>One answer per distinct reference, in order; the bytes read count against <paramref name="allowance"/>, the hook's.</summary>
    public async Task<IReadOnlyList<DraftMedicationRead>> ReadAsync(
        CdsServiceRequest request, IReadOnlyList<string> references, FetchAllowance allowance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(allowance);
        ArgumentNullException.ThrowIfNull(references);
        var distinct = references.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        if (request.FhirServer is null)
        {
            return [.. distinct.Select(r => new DraftMedicationRead(r, null, NoServer))];
        }

        var server = policy.Allow(request.FhirServer);
        if (server is null)
        {
            return [.. distinct.Select(r => new DraftMedicationRead(r, null, PrefetchResolver.ServerUnusable))];
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Math.Max(1, options.CurrentValue.FhirFetchBudgetMs));
        var token = request.FhirAuthorization?.AccessToken;
        var started = Stopwatch.GetTimestamp();
        var reads = distinct.Select((reference, index) => index >= MedicationFollowUp.MaxReads
                ? System.Threading.Tasks.Task.FromResult(new DraftMedicationRead(reference, null, $"more than {MedicationFollowUp.MaxReads} draft medications would have to be read"))
                : ReadOneAsync(server, reference, token, allowance, budget.Token, cancellationToken));
        var answers = await System.Threading.Tasks.Task.WhenAll(reads);
        var unread = answers.Count(a => a.Medication is null);
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRead(answers.Length, unread, elapsedMs);
        return answers;
    }

    /// <summary>
    /// The <c>Medication/{id}</c> to read for a reference: a relative one as it is, an absolute one only under the
    /// server's base URL; <c>null</c> for anything else (another host, a contained or <c>urn:</c> reference).
    /// </summary>
    public static string? OnServer(string reference, FhirServerTarget server)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(server);
        if (Uri.TryCreate(reference, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" && server.Contains(absolute)
                && absolute.AbsolutePath.Length > server.BaseUrl.AbsolutePath.Length
                ? Exact(absolute.AbsolutePath[server.BaseUrl.AbsolutePath.Length..])
                : null;
        }

        return Exact(reference.Split('?', '#')[0]);
    }

    // "Medication/id" (or "Medication/id/_history/n") and nothing else before it.
    private static string? Exact(string path) =>
        path.StartsWith("Medication/", StringComparison.Ordinal) && MedicationIndex.Relative(path) is { } relative
            && (path == relative || path.StartsWith(relative + "/_history/", StringComparison.Ordinal))
            ? relative
            : null;

    private async Task<DraftMedicationRead> ReadOneAsync(
        FhirServerTarget server, string reference, string? token, FetchAllowance allowance, CancellationToken budget, CancellationToken caller)
    {
        if (OnServer(reference, server) is not { } relative)
        {
            return new DraftMedicationRead(reference, null, OtherServer);
        }

        var result = await client.FetchAsync(server, relative, token, allowance, budget, caller);
        if (!result.Succeeded)
        {
            return new DraftMedicationRead(reference, null, PrefetchResolver.ServerUnusable);
        }

        var id = relative["Medication/".Length..];
        var medication = result.Entries.Select(e => e.Resource).OfType<Medication>().FirstOrDefault(m => FhirValues.Id(m) == id);
        return new DraftMedicationRead(reference, medication, medication is null ? NotFound : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Looked up {DraftCount} draft order medication(s) on the FHIR server in {ElapsedMs} ms: {UnreadCount} could not be read")]
    private partial void LogRead(int draftCount, int unreadCount, long elapsedMs);
}
