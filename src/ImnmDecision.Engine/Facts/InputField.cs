using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// The input fields that can be reported as missing, by JSON path (derived from the findings schema). Each has a bit in a 64-bit mask so that
/// the evaluator can track which absent fields a decision hinged on without allocating.
/// </summary>
public static class InputField
{
    /// <summary>All field keys, in the order the answer lists them: by <see cref="FindingsSchema.MissingOrder"/>, then schema order.</summary>
    public static readonly IReadOnlyList<string> All = FindingsSchema.MissingOrder
        .SelectMany(FindingsSchema.FieldsOf)
        .Select(f => f.MissingKey)
        .OfType<string>()
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    private static readonly Dictionary<string, int> IndexByPath =
        All.Select((path, index) => (path, index)).ToDictionary(p => p.path, p => p.index, StringComparer.Ordinal);

    /// <summary>The mask bit of a field path.</summary>
    public static ulong Bit(string path) => 1UL << IndexByPath[path];

    /// <summary>Whether a path is a known input field.</summary>
    public static bool IsKnown(string path) => IndexByPath.ContainsKey(path);

    /// <summary>The paths whose bits are set in a mask, in <see cref="All"/> order.</summary>
    public static IEnumerable<string> PathsOf(ulong mask)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                yield return All[i];
            }
        }
    }
}
