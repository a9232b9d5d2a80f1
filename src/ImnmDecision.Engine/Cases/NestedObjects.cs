using System.Text.Json;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// Keeps a JSON writer inside the object that holds each field in turn (<see cref="FindingField.Parent"/>: a section,
/// or a group nested in one), closing and opening objects as the fields move on. The fields of an object are
/// contiguous in <see cref="FindingsSchema.Fields"/>, so each object is written once.
/// </summary>
internal static class NestedObjects
{
    /// <summary>Moves from the object open now (<paramref name="open"/>; null for the root) into <paramref name="parent"/>.</summary>
    public static void Enter(Utf8JsonWriter json, ref string? open, string? parent)
    {
        while (open is not null && !Holds(open, parent))
        {
            json.WriteEndObject();
            open = Up(open);
        }

        while (!string.Equals(open, parent, StringComparison.Ordinal))
        {
            var start = open is null ? 0 : open.Length + 1;
            var end = parent!.IndexOf('.', start);
            end = end < 0 ? parent.Length : end;
            json.WriteStartObject(parent[start..end]);
            open = parent[..end];
        }
    }

    /// <summary>Closes every object opened by <see cref="Enter"/>, back to the root.</summary>
    public static void CloseAll(Utf8JsonWriter json, ref string? open) => Enter(json, ref open, null);

    private static bool Holds(string open, string? parent) =>
        parent is not null && (parent == open || parent.StartsWith(open + ".", StringComparison.Ordinal));

    private static string? Up(string path) => path.LastIndexOf('.') is var dot and >= 0 ? path[..dot] : null;
}
