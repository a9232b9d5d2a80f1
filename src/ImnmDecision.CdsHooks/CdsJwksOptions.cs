namespace ImnmDecision.CdsHooks;

/// <summary>A JWK Set written inline in configuration.</summary>
internal sealed class CdsJwksOptions
{
    /// <summary>The public keys.</summary>
    public List<CdsJwkOptions> Keys { get; set; } = [];
}
