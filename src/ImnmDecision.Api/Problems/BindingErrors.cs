using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Api.Problems;

/// <summary>
/// Turns a body that does not fit the contract into a 400 problem with <c>errors</c> keyed by JSON path
/// (<c>antibodies.hmgcr</c>). The messages are written here from the path and the contract, never copied from
/// the parser, so the value sent is never echoed back or logged.
/// </summary>
internal static partial class BindingErrors
{
    /// <summary>Every path a <see cref="Findings"/> body can hold (<c>ck.unit</c>, list items as <c>name[]</c>), with its type.</summary>
    private static readonly FrozenDictionary<string, Type> TypeByPath = CollectPaths();

    public static HttpValidationProblemDetails FromJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path is { Length: > 0 } p ? p : "$";

        string key;
        string error;
        if (UnknownProperty().Match(exception.Message) is { Success: true } unknown)
        {
            key = Key(path, unknown.Groups["name"].Value);
            error = "This property is not part of the v1 contract (check its spelling); unknown properties are rejected, never ignored.";
        }
        else if (exception.InnerException is JsonException)
        {
            // The reader failed: the text is not JSON at this point.
            key = Key(path, null);
            var line = exception.LineNumber is { } l ? (l + 1).ToString(CultureInfo.InvariantCulture) : "?";
            var position = exception.BytePositionInLine is { } b ? (b + 1).ToString(CultureInfo.InvariantCulture) : "?";
            error = $"The body is not well-formed JSON here (line {line}, byte {position}).";
        }
        else
        {
            key = Key(path, null);
            error = TypeByPath.TryGetValue(IndexFree(key), out var type)
                ? $"{key} must be {Expected(type)}."
                : $"{key} holds a value that does not fit the v1 contract (see /swagger).";
        }

        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [key] = [error] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body does not fit the v1 contract",
            Detail = "The body could not be read; errors names the JSON path. Nothing was assessed.",
        };
    }

    /// <summary>A path as the errors map keys it: <c>$.ck.value</c> becomes <c>ck.value</c>; the root stays <c>$</c>.</summary>
    private static string Key(string path, string? property)
    {
        var key = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path == "$" ? string.Empty : path.TrimStart('$');
        if (property is not null && SafeName().IsMatch(property) && key != property && !key.EndsWith($".{property}", StringComparison.Ordinal))
        {
            key = key.Length == 0 ? property : $"{key}.{property}";
        }

        return key.Length == 0 ? "$" : key;
    }

    /// <summary><c>antibodies.otherMyositisSpecific[0]</c> becomes <c>antibodies.otherMyositisSpecific[]</c>; a leading batch index goes.</summary>
    private static string IndexFree(string key)
    {
        var free = ListIndex().Replace(key, "[]");
        free = free.StartsWith("[]", StringComparison.Ordinal) ? free[2..].TrimStart('.') : free;
        return free.Length == 0 ? "$" : free;
    }

    private static string Expected(Type type)
    {
        if (type.IsEnum)
        {
            var names = (IReadOnlyList<string>)typeof(JsonNames).GetMethod(nameof(JsonNames.Names), BindingFlags.Public | BindingFlags.Static)!
                .MakeGenericMethod(type)
                .Invoke(null, null)!;
            return $"one of: {string.Join(", ", names)}";
        }

        return type switch
        {
            _ when type == typeof(double) || type == typeof(int) || type == typeof(long) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            _ when ListElement(type) is not null => "a list",
            _ => "an object with the fields of the contract (see /swagger)",
        };
    }

    private static FrozenDictionary<string, Type> CollectPaths()
    {
        var paths = new Dictionary<string, Type>(StringComparer.Ordinal) { ["$"] = typeof(Findings) };
        Collect(typeof(Findings), prefix: null, paths);
        return paths.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Collect(Type type, string? prefix, Dictionary<string, Type> paths)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var path = prefix is null ? name : $"{prefix}.{name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            paths[path] = propertyType;
            if (ListElement(propertyType) is { } element)
            {
                paths[path + "[]"] = Nullable.GetUnderlyingType(element) ?? element;
            }
            else if (propertyType.IsClass && propertyType != typeof(string) && propertyType.Assembly == typeof(Findings).Assembly)
            {
                Collect(propertyType, path, paths);
            }
        }
    }

    private static Type? ListElement(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;

    [GeneratedRegex(@"^The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ListIndex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]{0,63}$")]
    private static partial Regex SafeName();
}
