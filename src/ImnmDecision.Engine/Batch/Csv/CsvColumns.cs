using System.Collections.Frozen;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// The columns of a cohort CSV: one per field of <see cref="FindingsSchema"/>, named by its JSON path. Any subset,
/// in any order, with a header row. An empty cell means "not known" (never false or none).
/// </summary>
public static class CsvColumns
{
    /// <summary>
    /// In a set column (<c>antibodies.otherMyositisSpecific</c>): the test was done and none was positive (JSON
    /// <c>[]</c>). Several members are separated by <c>;</c> or <c>|</c>.
    /// </summary>
    public const string NoneToken = "none";

    /// <summary>Every column, in schema order (the order the cohort generator writes them).</summary>
    public static readonly IReadOnlyList<string> All = [.. FindingsSchema.Fields.Select(f => f.Path)];

    private static readonly FrozenDictionary<string, FindingField> ByName =
        FindingsSchema.Fields.ToFrozenDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>Whether a name is a column (exact, case-sensitive: the JSON path).</summary>
    public static bool IsColumn(string name) => ByName.ContainsKey(name);

    /// <summary>The column whose name differs from <paramref name="name"/> only in case, if any: for a helpful error.</summary>
    public static string? CaseInsensitiveMatch(string name) =>
        All.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));

    internal static bool TryGet(string name, out FindingField column) => ByName.TryGetValue(name, out column!);
}
