using ImnmDecision.CdsHooks.Services;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// Which FHIR servers this service may call with the EHR's access token. With <c>CdsHooks:FhirServers</c> set,
/// and always in Production, only a server under a listed base URL (same scheme, host, port, path prefix) is
/// called, over HTTPS unless its entry allows HTTP. Without a list outside Production (local development and
/// the sandbox), any HTTPS server and HTTP on the loopback interface are called. Addresses are checked again
/// after DNS resolution by <see cref="GuardedConnector"/>.
/// </summary>
internal sealed partial class FhirServerPolicy(IOptionsMonitor<CdsHooksOptions> options, IHostEnvironment environment, ILogger<FhirServerPolicy> logger)
{
    /// <summary>The server to call, or <c>null</c> when it is not allowed (the reason is logged, without the URL).</summary>
    public FhirServerTarget? Allow(Uri? server)
    {
        if (server is null)
        {
            return null;
        }

        if (CdsWarmUpScope.Server is { } warmUp && warmUp.Contains(server))
        {
            // The start-up warm-up's loopback server, allowed only inside the warm-up's own calls.
            return warmUp;
        }

        var (target, reason) = Check(server);
        if (target is null)
        {
            LogRefused(reason!);
        }

        return target;
    }

    private (FhirServerTarget? Target, string? Reason) Check(Uri server)
    {
        if (!server.IsAbsoluteUri || server.Scheme is not ("http" or "https"))
        {
            return (null, "not an http(s) URL");
        }

        if (!string.IsNullOrEmpty(server.UserInfo) || !string.IsNullOrEmpty(server.Query) || !string.IsNullOrEmpty(server.Fragment))
        {
            return (null, "the URL carries user information, a query or a fragment");
        }

        var baseUrl = new Uri(server.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        var rules = options.CurrentValue.FhirServers.Where(r => !string.IsNullOrWhiteSpace(r.Url)).ToList();
        if (rules.Count == 0)
        {
            if (environment.IsProduction())
            {
                return (null, "no CdsHooks:FhirServers are configured (required in Production)");
            }

            var loopback = server.IsLoopback;
            return server.Scheme == Uri.UriSchemeHttps || loopback
                ? (new FhirServerTarget(baseUrl, AllowPrivateNetwork: loopback), null)
                : (null, "plain http outside the loopback interface");
        }

        foreach (var rule in rules)
        {
            if (!Uri.TryCreate(rule.Url.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var allowed))
            {
                continue;
            }

            var target = new FhirServerTarget(allowed, rule.AllowPrivateNetwork);
            if (target.Contains(baseUrl))
            {
                return server.Scheme == Uri.UriSchemeHttps || rule.AllowHttp
                    ? (target with { BaseUrl = baseUrl }, null)
                    : (null, "plain http for a server not allowed over http");
            }
        }

        return (null, "not in CdsHooks:FhirServers");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hook call names a FHIR server that is not used: {Reason}")]
    private partial void LogRefused(string reason);
}
