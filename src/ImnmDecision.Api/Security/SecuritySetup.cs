using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ImnmDecision.Api.Security;

/// <summary>
/// Authentication (OAuth2 bearer tokens with scopes), the per-client rate limit and the security headers of the
/// service. Off in Development (authentication), configurable everywhere (see the README's settings table).
/// </summary>
internal static class SecuritySetup
{
    /// <summary>The rate-limit policy of <c>/api/v1</c>.</summary>
    public const string RateLimitPolicy = "per-client";

    /// <summary><c>Api:TrustForwardedHeaders</c>: behind a TLS-terminating proxy, believe its X-Forwarded-Proto/For.</summary>
    public const string TrustForwardedHeadersKey = "Api:TrustForwardedHeaders";

    public static WebApplicationBuilder AddImnmSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // No "Server: Kestrel" header: it tells a scanner which server to try, and a client nothing it needs.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var auth = builder.Configuration.GetSection(ApiAuthOptions.Section).Get<ApiAuthOptions>() ?? new ApiAuthOptions();
        var enabled = auth.Enabled ?? !builder.Environment.IsDevelopment();
        builder.Services.AddSingleton(new ApiAuthState(enabled, auth));

        // Read now, not when the first request configures the bearer handler: a key that does not parse stops
        // start-up naming the setting (exit 78) instead of failing every request, /health included, with 500.
        var signingKey = string.IsNullOrWhiteSpace(auth.SigningKeyPem) ? null : ReadKey(auth.SigningKeyPem);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt => ConfigureBearer(jwt, auth, signingKey));
        builder.Services.AddAuthorization(options =>
        {
            options.AddPolicy(ApiPolicies.Read, policy => Require(policy, enabled, scope: null));
            options.AddPolicy(ApiPolicies.Assess, policy => Require(policy, enabled, auth.AssessScope));
            options.AddPolicy(ApiPolicies.Batch, policy => Require(policy, enabled, auth.BatchScope));
            options.AddPolicy(ApiPolicies.Summaries, policy => Require(policy, enabled, auth.SummariesScope));
        });

        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (limits.PermitLimit <= 0 || limits.WindowSeconds <= 0)
        {
            throw new InvalidSettingException("Api:RateLimit:PermitLimit and Api:RateLimit:WindowSeconds must be above 0.");
        }

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, context => limits.Enabled
                ? RateLimitPartition.GetFixedWindowLimiter(ClientIdentity.PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = (rejected, _) => RejectAsync(rejected.HttpContext, rejected.Lease, limits);
        });
        return builder;
    }

    /// <summary>Forwarded headers, HSTS, security headers, authentication, the rate limiter, authorization; after UseRouting.</summary>
    public static WebApplication UseImnmSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>(TrustForwardedHeadersKey))
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        if (!app.Environment.IsDevelopment())
        {
            // Sent on HTTPS requests only (directly, or through a proxy when forwarded headers are trusted).
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        var state = app.Services.GetRequiredService<ApiAuthState>();
        if (state.Enabled && string.IsNullOrWhiteSpace(state.Options.Authority) && string.IsNullOrWhiteSpace(state.Options.SigningKeyPem))
        {
            app.Logger.LogWarning("Authentication of /api/v1 is on but neither Api:Auth:Authority nor Api:Auth:SigningKeyPem is set: every /api/v1 call is refused with 401");
        }

        return app;
    }

    private static void Require(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, bool enabled, string? scope)
    {
        if (!enabled)
        {
            policy.RequireAssertion(_ => true);
            return;
        }

        policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser();
        if (scope is not null)
        {
            policy.RequireAssertion(context => ClientIdentity.HasScope(context.User, scope));
        }
    }

    private static void ConfigureBearer(JwtBearerOptions jwt, ApiAuthOptions auth, SecurityKey? signingKey)
    {
        jwt.MapInboundClaims = false;

        // The challenge says only "Bearer": the handler's error details repeat what the token holds (its issuer,
        // audience, expiry) back to whoever sent it, and a refusal repeats nothing sent.
        jwt.IncludeErrorDetails = false;
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        jwt.TokenValidationParameters.ValidateAudience = true;
        jwt.TokenValidationParameters.ValidAudience = auth.Audience;
        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.Authority = auth.Authority;
        }

        if (signingKey is not null)
        {
            jwt.TokenValidationParameters.IssuerSigningKey = signingKey;
            jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
            jwt.TokenValidationParameters.ValidateIssuer = !string.IsNullOrWhiteSpace(auth.Issuer);
        }

        jwt.Events = new JwtBearerEvents { OnTokenValidated = RefuseCriticalExtensions };
    }

    /// <summary>
    /// A token naming a critical header extension (<c>crit</c>) is refused: this service understands none, and RFC
    /// 7515 section 4.1.11 makes such a token invalid (the token library accepts it). The CDS Hooks door does the same.
    /// </summary>
    private static Task RefuseCriticalExtensions(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
        {
            context.Fail("The token names a critical header extension (crit) that this service does not understand.");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// An RSA or EC public key from PEM. RSA's importer throws <see cref="CryptographicException"/> (not
    /// <see cref="ArgumentException"/>, which means "no PEM at all") for an EC key, so both are tried on either.
    /// </summary>
    private static SecurityKey ReadKey(string pem)
    {
        // The key lives as long as the service; it is never disposed.
#pragma warning disable CA2000
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            throw new InvalidSettingException("Api:Auth:SigningKeyPem is not a PEM RSA or EC public key.", exception);
        }
#pragma warning restore CA2000
    }

    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease, RateLimitOptions limits)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limits.WindowSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(context, ApiProblems.Create(
            StatusCodes.Status429TooManyRequests,
            "Too many requests",
            $"This client has used its {limits.PermitLimit} requests per {limits.WindowSeconds} s; try again in {seconds} s."));
    }
}
