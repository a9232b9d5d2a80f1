using System.Text.Json;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// Finds properties written twice in one object of a rule file. A JSON reader keeps one of them silently (the
/// last), so <c>"op": "eq", "op": "ne"</c> would load as the opposite of what its author read first: each
/// repeat is a defect at its object's path.
/// </summary>
internal static class RepeatedProperties
{
    /// <summary>Records a defect for every property that appears more than once in its object, anywhere under <paramref name="element"/>.</summary>
    public static void Report(JsonElement element, string path, string file, List<RulesetError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        errors.Add(new RulesetError(file, path, $"property '{property.Name}' appears more than once; write each property once"));
                    }

                    Report(property.Value, $"{path}.{property.Name}", file, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Report(item, $"{path}[{index++}]", file, errors);
                }

                break;
        }
    }
}
