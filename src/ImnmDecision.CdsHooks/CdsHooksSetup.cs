using FluentValidation;
using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.CdsHooks.Security;
using ImnmDecision.CdsHooks.Services;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImnmDecision.CdsHooks;

/// <summary>Registers and maps the CDS Hooks door (<c>/cds-services</c>).</summary>
public static class CdsHooksSetup
{
    /// <summary>The CORS policy of the CDS endpoints.</summary>
    public const string CorsPolicy = "CdsHooks";

    /// <summary>Registers the CDS Hooks services, their options (<c>CdsHooks</c> section) and the CORS policy.</summary>
    public static IServiceCollection AddCdsHooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CdsHooksOptions>()
            .Bind(configuration.GetSection(CdsHooksOptions.Section))
            .PostConfigure<IHostEnvironment>((options, environment) => options.RequireJwt ??= !environment.IsDevelopment())
            .Validate(options => options.FhirFetchBudgetMs is > 0 and <= 10_000, "CdsHooks:FhirFetchBudgetMs must be between 1 and 10000.")
            .Validate(options => options.MaxBodyBytes > 0, "CdsHooks:MaxBodyBytes must be above 0.")
            .Validate(options => options.FhirMaxPages is > 0 and <= 100, "CdsHooks:FhirMaxPages must be between 1 and 100.")
            .Validate(options => options.FhirMaxResponseBytes is >= 1024 and <= 256L * 1024 * 1024, "CdsHooks:FhirMaxResponseBytes must be between 1 KiB and 256 MiB.")
            .Validate(options => options.FhirMaxBytesPerHook >= options.FhirMaxResponseBytes, "CdsHooks:FhirMaxBytesPerHook must be at least CdsHooks:FhirMaxResponseBytes.")
            .Validate(
                options => options.FhirMaxBufferedBytes >= options.FhirMaxResponseBytes + FhirBodyPool.BlockBytes && options.FhirMaxBufferedBytes <= 1024L * 1024 * 1024,
                "CdsHooks:FhirMaxBufferedBytes must hold at least one answer of CdsHooks:FhirMaxResponseBytes (and at most 1 GiB).")
            .Validate(
                options => options.FhirServers.All(s => Uri.TryCreate(s.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && s.AllowHttp))),
                "Every CdsHooks:FhirServers entry needs an absolute https Url (http only with AllowHttp).")
            .Validate(
                options => options.RequireJwt != true || CdsHooksOptions.IsPublicBaseUrl(options.PublicBaseUrl),
                "CdsHooks:PublicBaseUrl must be set to the absolute http(s) URL the EHR calls (for example https://cds.example.org) while JWT checking is on "
                + "(CdsHooks:RequireJwt, on by default outside Development): the JWT audience is taken from it, never from the request's Host header.")
            .Validate(options => options.Issuers.All(i => !string.IsNullOrWhiteSpace(i.Issuer)), "Every CdsHooks:Issuers entry needs an Issuer.")
            .Validate(
                options => options.Issuers.All(i => i.Jwks is { Keys.Count: > 0 } || !string.IsNullOrWhiteSpace(i.JwksUrl)),
                "Every CdsHooks:Issuers entry needs its keys: Jwks (inline) or JwksUrl.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CdsHooksOptions>, CodeListValidation>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IValidator<Findings>, FindingsValidator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CdsHooksOptions>>().Value;
            return new CodeBook(CodeListLoader.Load(options.CodesFile, options.Codes));
        });
        services.AddSingleton<PrefetchTemplates>();
        services.AddSingleton<PrefetchResolver>();
        services.AddSingleton<FhirBodyPool>();
        services.AddSingleton<FhirServerPolicy>();
        services.AddSingleton<MedicationFollowUp>();
        services.AddSingleton<DraftMedicationReader>();
        services.AddHostedService<CdsWarmUp>();
        CdsWarmUpServer.Decorate(services);
        services.AddSingleton(provider =>
        {
            var ruleset = provider.GetRequiredService<AssessmentEngine>().Ruleset;
            return new FhirFindingsMapper(
                provider.GetRequiredService<CodeBook>(), provider.GetRequiredService<TimeProvider>(), CkDefaultLimits.Of(ruleset),
                ruleset.FindParameter(RulesetLoader.ChildUnderYearsParameter)?.Value);
        });
        services.AddSingleton<FindingsChecker>();
        services.AddSingleton<CardSources>();
        services.AddSingleton<AssessmentCardBuilder>();
        services.AddSingleton<StatinOrderCardBuilder>();
        services.AddSingleton<CdsChartReader>();
        services.AddSingleton<AssessmentService>();
        services.AddSingleton<StatinOrderService>();
        services.AddSingleton<CdsServiceCatalog>();
        services.AddSingleton<FeedbackLedger>();
        services.AddSingleton<JtiReplayCache>();
        services.AddSingleton<JwksProvider>();
        services.AddSingleton<JwtValidator>();

        // Requests to the EHR's FHIR server carry its access token: no redirects (the token must not travel
        // elsewhere), connections only to public addresses after DNS resolution (GuardedConnector), no
        // HttpClient request logging (URLs hold the patient id), bodies streamed under caps by the client, the
        // time budget enforced by the caller's cancellation rather than a client timeout. Compressed answers are
        // asked for and unpacked as they stream, so the caps count the unpacked bytes (a gzip bomb stops there).
        services.AddHttpClient<FhirServerClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                UseCookies = false,
                ConnectCallback = GuardedConnector.ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers();
        services.AddJwksClient();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CdsHooksOptions>>((cors, cds) => cors.AddPolicy(CorsPolicy, policy =>
        {
            var origins = cds.Value.Cors.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
            if (origins.Length == 0 || origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            policy.WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("Authorization", "Content-Type", "Accept")
                .SetPreflightMaxAge(TimeSpan.FromSeconds(Math.Max(0, cds.Value.Cors.PreflightMaxAgeSeconds)));
        }));
        return services;
    }

    /// <summary>
    /// Maps <c>/cds-services</c> (discovery, the two services, feedback) with CORS, including preflight, on all of
    /// them. Call after UseRouting; the endpoints stay out of the v1 OpenAPI document and the ruleset pin.
    /// </summary>
    public static WebApplication MapCdsHooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The CORS middleware answers preflight requests itself, before any endpoint or JWT check runs.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(CdsEndpoints.Prefix, StringComparison.OrdinalIgnoreCase), cds => cds.UseCors(CorsPolicy));
        // Read from configuration, not IOptions: the options are validated when the host starts, where an invalid
        // setting stops start-up with one line (Program.cs), not here with a stack trace.
        var maxBodyBytes = app.Configuration.GetSection(CdsHooksOptions.Section).Get<CdsHooksOptions>()?.MaxBodyBytes ?? new CdsHooksOptions().MaxBodyBytes;
        app.MapCdsEndpoints(maxBodyBytes);
        return app;
    }

    /// <summary>
    /// The JWK Set download client: the FHIR client's guarded connection step (public addresses unless the
    /// issuer allows its private network), no redirects, no request logging; JwksProvider caps the size and time.
    /// </summary>
    internal static IServiceCollection AddJwksClient(this IServiceCollection services)
    {
        services.AddHttpClient(JwksProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = GuardedConnector.ConnectAsync,
            })
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>Loads the code lists at start-up so that a broken list stops the service with a clear message.</summary>
    private sealed class CodeListValidation : IValidateOptions<CdsHooksOptions>
    {
        public ValidateOptionsResult Validate(string? name, CdsHooksOptions options)
        {
            try
            {
                _ = new CodeBook(CodeListLoader.Load(options.CodesFile, options.Codes));
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }
}
