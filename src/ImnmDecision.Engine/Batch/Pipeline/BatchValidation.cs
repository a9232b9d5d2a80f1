using System.Collections.Concurrent;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Validates batch cases: <see cref="FindingsPrecheck"/> tells which checks a case breaks, and the errors are those
/// checks' own paths and messages, grouped by path as the single-case endpoint groups them. The errors of a set of
/// broken checks are kept (the texts are fixed). Thread-safe.
/// </summary>
internal static class BatchValidation
{
    private static readonly ConcurrentDictionary<ulong, IReadOnlyDictionary<string, string[]>> ErrorsByBrokenChecks = new();

    /// <summary>The errors of a case keyed by JSON path, or null when it is valid.</summary>
    public static IReadOnlyDictionary<string, string[]>? Errors(FindingValues values)
    {
        var broken = FindingsPrecheck.Broken(values);
        if (broken == 0)
        {
            return null;
        }

        if (!ErrorsByBrokenChecks.TryGetValue(broken, out var errors))
        {
            errors = ErrorsOf(broken);
            ErrorsByBrokenChecks.TryAdd(broken, errors);
        }

        return errors;
    }

    /// <summary>The errors of the broken checks, in order, each message once per path.</summary>
    private static Dictionary<string, string[]> ErrorsOf(ulong broken) =>
        FindingsCheck.All.Where((_, i) => (broken & (1UL << i)) != 0)
            .GroupBy(check => check.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
}
