using System.Security.Claims;

namespace ImnmDecision.Api.Security;

/// <summary>Who is calling, as far as rate limits and the audit need: the OAuth client, never a person's data.</summary>
internal static class ClientIdentity
{
    private static readonly string[] ClientClaims = ["client_id", "azp", "appid", "sub"];

    /// <summary>The token's client id (<c>client_id</c>, <c>azp</c>, <c>appid</c>, else <c>sub</c>), or null without a token.</summary>
    public static string? ClaimedId(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        foreach (var type in ClientClaims)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The rate-limit partition: the client id, else the caller's address.</summary>
    public static string PartitionKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ClaimedId(context.User) is { } client
            ? "client:" + client
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>True when the token grants the scope (<c>scope</c> or <c>scp</c>, space-separated or repeated).</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Claims
            .Where(c => c.Type is "scope" or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
    }
}
