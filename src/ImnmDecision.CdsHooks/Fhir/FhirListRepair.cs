using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// Repairs one shape error for a second reading: one JSON value written where FHIR R4 has a list (the CDS Hooks
/// sandbox writes a draft order's <c>category</c> and <c>reasonCode</c> as one CodeableConcept) becomes a list of
/// that one value, so nothing is guessed. The places come from Firely's type-mismatch errors (their instance path,
/// such as <c>MedicationRequest.dosageInstruction[0].doseAndRate[0]</c>). Nothing is repaired when a path cannot be
/// followed, when a place already holds a list (a list where R4 has one value: which item is meant cannot be told),
/// when the resource is larger than <see cref="MaxBytes"/> or when there are more than <see cref="MaxRepairs"/> places.
/// </summary>
internal static class FhirListRepair
{
    /// <summary>The largest resource (UTF-8 bytes) that is copied for a repair.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The most places repaired in one resource.</summary>
    public const int MaxRepairs = 16;

    /// <summary>The resource's JSON with every listed place wrapped in a list; <c>null</c> when any place cannot be repaired.</summary>
    public static byte[]? Wrap(ReadOnlySpan<byte> resource, IReadOnlyCollection<string> instancePaths)
    {
        if (resource.Length > MaxBytes || instancePaths.Count is 0 or > MaxRepairs)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(resource) is not JsonObject root)
            {
                return null;
            }

            foreach (var path in instancePaths.Distinct(StringComparer.Ordinal))
            {
                if (!WrapAt(root, path))
                {
                    return null;
                }
            }

            return JsonSerializer.SerializeToUtf8Bytes(root);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // A duplicate property name, or a shape the node model refuses: the resource stays unread.
            return null;
        }
    }

    // Follows "Type.name[i].name[i]...": the last step must be "name[0]" naming a value that is not a list.
    private static bool WrapAt(JsonObject root, string path)
    {
        var steps = path.Split('.');
        if (steps.Length < 2)
        {
            return false;
        }

        var parent = root;
        for (var i = 1; i < steps.Length; i++)
        {
            if (!Step(steps[i], out var name, out var index))
            {
                return false;
            }

            var value = parent[name];
            if (i == steps.Length - 1)
            {
                return index == 0 && value is JsonObject or JsonValue && Wrap(parent, name);
            }

            var next = index is { } at ? (value as JsonArray)?.ElementAtOrDefault(at) : value;
            if (next is not JsonObject child)
            {
                return false;
            }

            parent = child;
        }

        return false;
    }

    // Wraps the value and, for a primitive, its "_name" extension object, each in a list of one.
    private static bool Wrap(JsonObject parent, string name)
    {
        var value = parent[name]!;
        parent[name] = new JsonArray(value.DeepClone());
        if (parent[$"_{name}"] is JsonObject extension)
        {
            parent[$"_{name}"] = new JsonArray(extension.DeepClone());
        }

        return true;
    }

    private static bool Step(string step, out string name, out int? index)
    {
        index = null;
        var open = step.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            name = step;
            return name.Length > 0;
        }

        name = step[..open];
        if (name.Length == 0 || !step.EndsWith(']')
            || !int.TryParse(step.AsSpan(open + 1, step.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var at))
        {
            return false;
        }

        index = at;
        return true;
    }
}
