using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.CdsHooks;

/// <summary>
/// Settings of the CDS Hooks door, from the <c>CdsHooks</c> configuration section. Every setting has a safe
/// default; JWT checking is on outside Development unless <see cref="RequireJwt"/> says otherwise.
/// </summary>
internal sealed class CdsHooksOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CdsHooks";

    /// <summary>The default time budget for fetching missing prefetch data from the EHR's FHIR server.</summary>
    public const int DefaultFhirFetchBudgetMs = 400;

    /// <summary>
    /// Whether every CDS call must carry a valid JWT signed by an allowed issuer. Unset means on, except in the
    /// Development environment.
    /// </summary>
    public bool? RequireJwt { get; set; }

    /// <summary>
    /// Lets the discovery document be read without a JWT (registration tools often fetch it anonymously);
    /// it holds no patient data. Service and feedback calls always need a JWT when <see cref="RequireJwt"/> is on.
    /// </summary>
    public bool AllowAnonymousDiscovery { get; set; }

    /// <summary>
    /// The public base URL the EHR calls (for example <c>https://cds.example.org</c>): the JWT <c>aud</c> must be
    /// it followed by the path called. Required while JWT checking is on (the service refuses to start without
    /// it): the audience is never built from the request's Host header, which the caller chooses.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Whether a value is usable as <see cref="PublicBaseUrl"/>: an absolute http or https URL.</summary>
    public static bool IsPublicBaseUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    /// <summary>EHRs allowed to call, each with its signing keys.</summary>
    public List<CdsIssuerOptions> Issuers { get; set; } = [];

    /// <summary>Allowed clock skew for <c>exp</c>, <c>iat</c> and <c>nbf</c>, in seconds.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>Longest accepted remaining lifetime of a JWT (<c>exp</c> minus now), in seconds.</summary>
    public int MaxTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How long a JWK Set fetched from a URL is kept, in minutes.</summary>
    public int JwksCacheMinutes { get; set; } = 10;

    /// <summary>Time budget for fetching missing prefetch data from the EHR's FHIR server, in milliseconds.</summary>
    public int FhirFetchBudgetMs { get; set; } = DefaultFhirFetchBudgetMs;

    /// <summary>
    /// FHIR servers this service may call with the EHR's access token: base URLs (scheme, host, port, path
    /// prefix), HTTPS unless an entry allows HTTP, public addresses unless an entry allows private ones.
    /// Required in Production (no server is called without it); elsewhere, when empty, any <c>https</c> server
    /// and <c>http</c> on the loopback interface are called.
    /// </summary>
    public List<FhirServerRule> FhirServers { get; set; } = [];

    /// <summary>The most search pages read for one prefetch key (prefetched first page included).</summary>
    public int FhirMaxPages { get; set; } = 5;

    /// <summary>Largest FHIR server answer read, per response, in bytes (default 2 MiB).</summary>
    public long FhirMaxResponseBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Most bytes read from the FHIR server for one hook call, all fetches together (default 8 MiB).</summary>
    public long FhirMaxBytesPerHook { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Most bytes of FHIR server answers held at once by the whole service, all hook calls together (default
    /// 16 MiB): the fixed pool that answers are read into. A fetch that finds the pool empty waits for a block
    /// within its time budget, so memory stays flat however many calls a slow or hostile server keeps busy.
    /// </summary>
    public long FhirMaxBufferedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest accepted hook request body in bytes (prefetch bundles can be large).</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>A page about this service for the card's <c>source.url</c>; omitted when unset.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>The code system of card topics.</summary>
    public string TopicSystem { get; set; } = "urn:imnm-decision:cds-card-topic";

    /// <summary>
    /// A JSON file replacing the shipped default code lists (<c>CdsHooks/cds-codes.json</c>); relative paths are
    /// resolved against the application folder.
    /// </summary>
    public string? CodesFile { get; set; }

    /// <summary>Local codes added to the default code lists (same shape as the code-list file).</summary>
    public CdsCodeLists? Codes { get; set; }

    /// <summary>Cross-origin settings for browser-based EHRs and the CDS Hooks sandbox.</summary>
    public CdsCorsOptions Cors { get; set; } = new();
}
