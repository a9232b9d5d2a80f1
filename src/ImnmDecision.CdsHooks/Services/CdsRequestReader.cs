using System.Text.Json;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Reads a hook call from its JSON document. Problems are described without echoing any value, since the body
/// carries patient data. The document's text has been checked (<see cref="Http.JsonText"/>) where it arrived.
/// </summary>
internal static class CdsRequestReader
{
    /// <summary>Reads the request; on failure returns the problem (a sentence naming the element).</summary>
    public static (CdsServiceRequest? Request, string? Problem) Read(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object.");
        }

        if (String(root, "hook") is not { Length: > 0 } hook)
        {
            return (null, "hook is required.");
        }

        if (String(root, "hookInstance") is not { Length: > 0 } hookInstance)
        {
            return (null, "hookInstance is required.");
        }

        if (!root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
        {
            return (null, "context is required and must be an object.");
        }

        Uri? fhirServer = null;
        if (root.TryGetProperty("fhirServer", out var server) && server.ValueKind != JsonValueKind.Null)
        {
            if (server.ValueKind != JsonValueKind.String || !Uri.TryCreate(server.GetString(), UriKind.Absolute, out fhirServer)
                || fhirServer.Scheme is not ("http" or "https"))
            {
                return (null, "fhirServer must be an absolute http(s) URL.");
            }
        }

        FhirAuthorization? authorization = null;
        if (root.TryGetProperty("fhirAuthorization", out var auth) && auth.ValueKind != JsonValueKind.Null)
        {
            if (auth.ValueKind != JsonValueKind.Object || String(auth, "access_token") is not { Length: > 0 } token)
            {
                return (null, "fhirAuthorization must be an object with an access_token.");
            }

            if (fhirServer is null)
            {
                return (null, "fhirServer is required when fhirAuthorization is given.");
            }

            authorization = new FhirAuthorization { AccessToken = token, TokenType = String(auth, "token_type"), Scope = String(auth, "scope") };
        }

        var prefetch = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("prefetch", out var values) && values.ValueKind != JsonValueKind.Null)
        {
            if (values.ValueKind != JsonValueKind.Object)
            {
                return (null, "prefetch must be an object.");
            }

            foreach (var property in values.EnumerateObject())
            {
                prefetch[property.Name] = property.Value;
            }
        }

        return (new CdsServiceRequest
        {
            Hook = hook,
            HookInstance = hookInstance,
            FhirServer = fhirServer,
            FhirAuthorization = authorization,
            Context = context,
            Prefetch = prefetch,
        }, null);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
