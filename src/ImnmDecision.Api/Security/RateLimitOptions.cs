namespace ImnmDecision.Api.Security;

/// <summary>The per-client rate limit of <c>/api/v1</c> (<c>Api:RateLimit</c>): a fixed window per client.</summary>
internal sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:RateLimit";

    /// <summary>On or off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client may make per window (a batch call counts as one).</summary>
    public int PermitLimit { get; set; } = 600;

    /// <summary>The window's length in seconds.</summary>
    public int WindowSeconds { get; set; } = 60;
}
