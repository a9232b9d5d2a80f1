using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImnmDecision.Api.CdsHooks.Fhir;

/// <summary>
/// Reading FHIR R4 JSON tolerantly: unknown elements are skipped, numbers may come as strings, and a resource
/// that cannot be read is skipped on its own instead of failing the whole call.
/// </summary>
internal static class FhirJson
{
    /// <summary>Options for the narrow FHIR types.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
        Converters = { new NullSkippingListConverter() },
    };

    /// <summary>The <c>resourceType</c> of a JSON object, or <c>null</c>.</summary>
    public static string? ResourceType(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("resourceType", out var type)
        && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    /// <summary>The <c>id</c> of a resource, or <c>null</c>.</summary>
    public static string? Id(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("id", out var id)
        && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>Reads a resource into a narrow type; <c>null</c> when its JSON does not fit (wrong types, say).</summary>
    public static T? TryRead<T>(JsonElement element)
        where T : class
    {
        try
        {
            return element.Deserialize<T>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The resources in a prefetch value or search answer: the entries of a Bundle (nested Bundles are not
    /// opened), or the value itself when it is a single resource.
    /// </summary>
    public static IEnumerable<JsonElement> Resources(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (ResourceType(value) != "Bundle")
        {
            yield return value;
            yield break;
        }

        if (!value.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty("resource", out var resource)
                && resource.ValueKind == JsonValueKind.Object)
            {
                yield return resource;
            }
        }
    }

    /// <summary>The <c>next</c> page link of a Bundle, or <c>null</c>.</summary>
    public static string? NextLink(JsonElement bundle)
    {
        if (ResourceType(bundle) != "Bundle" || !bundle.TryGetProperty("link", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var link in links.EnumerateArray())
        {
            if (link.ValueKind == JsonValueKind.Object
                && link.TryGetProperty("relation", out var relation) && relation.ValueKind == JsonValueKind.String
                && relation.GetString() == "next"
                && link.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
            {
                return url.GetString();
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a value reports a failed search: an OperationOutcome, or a Bundle holding only OperationOutcome
    /// entries with an error or fatal issue.
    /// </summary>
    public static bool IsFailure(JsonElement value)
    {
        if (ResourceType(value) == "OperationOutcome")
        {
            return true;
        }

        if (ResourceType(value) != "Bundle")
        {
            return false;
        }

        var resources = Resources(value).ToList();
        return resources.Count > 0
            && resources.All(r => ResourceType(r) == "OperationOutcome")
            && resources.Any(HasErrorIssue);
    }

    private static bool HasErrorIssue(JsonElement outcome) =>
        outcome.TryGetProperty("issue", out var issues)
        && issues.ValueKind == JsonValueKind.Array
        && issues.EnumerateArray().Any(issue =>
            issue.ValueKind == JsonValueKind.Object
            && issue.TryGetProperty("severity", out var severity)
            && severity.ValueKind == JsonValueKind.String
            && severity.GetString() is "error" or "fatal");
}
