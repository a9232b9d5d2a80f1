using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Validates batch cases: <see cref="FindingsPrecheck"/> tells which of <see cref="FindingsValidator"/>'s rules a
/// case breaks; the errors are the validator's own, worked out once per set of broken rules (its messages are
/// fixed texts and never repeat a value, so the same set always gives the same errors). So a cohort with many
/// invalid rows runs the validator a few dozen times, not once per row. Thread-safe.
/// </summary>
internal static class BatchValidation
{
    // Lazy, so that the class itself is ready at once: the per-row check never waits for the validator's build.
    private static readonly Lazy<FindingsValidator> Validator = new(() => new FindingsValidator());
    private static readonly ConcurrentDictionary<uint, IReadOnlyDictionary<string, string[]>> ErrorsByBrokenRules = new();
    private static readonly Lazy<Task> Prepared = new(() => Task.Factory.StartNew(
        () => Errors(default, null), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    /// <summary>The errors of a case keyed by JSON path, or null when it is valid.</summary>
    /// <param name="values">The case's values.</param>
    /// <param name="findings">The findings as read, when the values were flattened from them; otherwise built from the values.</param>
    [MethodImpl(PerRow.Optimized)]
    public static IReadOnlyDictionary<string, string[]>? Errors(in FindingValues values, Findings? findings)
    {
        var broken = FindingsPrecheck.Broken(values);
        if (broken == 0)
        {
            return null;
        }

        if (!ErrorsByBrokenRules.TryGetValue(broken, out var errors))
        {
            errors = Validate(findings ?? values.ToFindings());
            ErrorsByBrokenRules.TryAdd(broken, errors);
        }

        return errors.Count == 0 ? null : errors;
    }

    /// <summary>
    /// Builds the validator on a thread of its own, once per process: FluentValidation compiles its rules on
    /// first use (some 50 ms on a cold process), which the first invalid row would otherwise wait for. Working
    /// out the errors of a case without findings builds it; those are kept like any other set of broken rules.
    /// </summary>
    public static Task PrepareAsync() => Prepared.Value;

    /// <summary>The validator's errors, keyed by JSON path, each message once.</summary>
    internal static Dictionary<string, string[]> Validate(Findings findings) =>
        Validator.Value.Validate(findings).Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
}
