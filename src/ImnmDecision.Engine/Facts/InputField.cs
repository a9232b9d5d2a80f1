using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// The input fields that can be reported as missing, by JSON path (derived from the findings schema). Each has a bit in a
/// <c>FieldMask</c> (128 bits, a value type) so that the evaluator can track which absent fields a decision hinged on
/// without allocating.
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

    /// <summary>How many fields a mask can hold.</summary>
    public const int Capacity = 128;

    private static readonly Dictionary<string, int> IndexByPath = All.Count <= Capacity
        ? All.Select((path, index) => (path, index)).ToDictionary(p => p.path, p => p.index, StringComparer.Ordinal)
        : throw new InvalidOperationException($"The findings schema has {All.Count} fields that can be missing; a FieldMask holds {Capacity}: widen FieldMask (FieldMask.cs).");

    /// <summary>The mask bit of a field path.</summary>
    public static FieldMask Bit(string path) => FieldMask.One << IndexByPath[path];

    /// <summary>Whether a path is a known input field.</summary>
    public static bool IsKnown(string path) => IndexByPath.ContainsKey(path);

    /// <summary>The paths whose bits are set in a mask, in <see cref="All"/> order.</summary>
    public static IEnumerable<string> PathsOf(FieldMask mask)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if ((mask & (FieldMask.One << i)) != FieldMask.Zero)
            {
                yield return All[i];
            }
        }
    }
}
