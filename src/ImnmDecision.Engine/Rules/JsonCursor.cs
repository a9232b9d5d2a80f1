using System.Globalization;
using System.Text.Json;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A position in a ruleset file: the element, its JSON path, and the shared error list. Every accessor
/// reports what is wrong at the exact path instead of throwing, so one load lists every defect.
/// </summary>
internal readonly struct JsonCursor(JsonElement element, string path, string file, List<RulesetError> errors)
{
    public JsonElement Element => element;

    public string Path => path;

    public string File => file;

    public void Error(string message) => errors.Add(new RulesetError(file, path, message));

    public bool IsObject(params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error($"expected an object, found {Describe(element.ValueKind)}");
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new RulesetError(file, $"{path}.{property.Name}", $"unknown property '{property.Name}' (allowed: {string.Join(", ", allowed)})"));
            }
        }

        return true;
    }

    public bool Has(string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _);

    public JsonCursor? Property(string name, bool required = true)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value))
        {
            return new JsonCursor(value, $"{path}.{name}", file, errors);
        }

        if (required)
        {
            Error($"missing required property '{name}'");
        }

        return null;
    }

    public string? String(string name, bool required = true)
    {
        if (Property(name, required) is not { } child)
        {
            return null;
        }

        if (child.Element.ValueKind != JsonValueKind.String)
        {
            child.Error($"expected a string, found {Describe(child.Element.ValueKind)}");
            return null;
        }

        var text = child.Element.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            child.Error("must not be empty");
            return null;
        }

        return text;
    }

    public double? Number(string name, bool required = true) => Property(name, required) is { } child ? child.AsNumber() : null;

    public double? AsNumber()
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            Error($"expected a number, found {Describe(element.ValueKind)}");
            return null;
        }

        return element.GetDouble();
    }

    public int? Integer(string name, bool required = true)
    {
        if (Property(name, required) is not { } child)
        {
            return null;
        }

        if (child.Element.ValueKind != JsonValueKind.Number || !child.Element.TryGetInt32(out var value))
        {
            child.Error($"expected a whole number, found {Describe(child.Element.ValueKind)}");
            return null;
        }

        return value;
    }

    public bool? Boolean(string name, bool required = true)
    {
        if (Property(name, required) is not { } child)
        {
            return null;
        }

        if (child.Element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            child.Error($"expected true or false, found {Describe(child.Element.ValueKind)}");
            return null;
        }

        return child.Element.GetBoolean();
    }

    public IEnumerable<JsonCursor> Items()
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Error($"expected an array, found {Describe(element.ValueKind)}");
            yield break;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            yield return new JsonCursor(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]"), file, errors);
            index++;
        }
    }

    public IEnumerable<(string Name, JsonCursor Value)> Members()
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error($"expected an object, found {Describe(element.ValueKind)}");
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            yield return (property.Name, new JsonCursor(property.Value, $"{path}['{property.Name}']", file, errors));
        }
    }

    public IReadOnlyList<string> Strings(string name, bool required = true)
    {
        if (Property(name, required) is not { } child)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var item in child.Items())
        {
            if (item.Element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.Element.GetString()))
            {
                result.Add(item.Element.GetString()!);
            }
            else
            {
                item.Error($"expected a non-empty string, found {Describe(item.Element.ValueKind)}");
            }
        }

        return result;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
