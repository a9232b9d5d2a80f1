namespace ImnmDecision.Api.Hosting;

/// <summary>Settings of the HTTP door, from the <c>Api</c> configuration section.</summary>
internal sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>The default request body limit: 1 MiB, far above any single case.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Largest accepted request body in bytes (<c>Api:MaxBodyBytes</c>); larger bodies get 413.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;
}
