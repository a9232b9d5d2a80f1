using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Validates batch cases: <see cref="FindingsPrecheck"/> tells which of <see cref="FindingsValidator"/>'s checks a
/// case breaks, and the errors are those checks' own paths and messages (<see cref="FindingsCheck"/>, which the
/// validator's rules are named after), grouped by path as the single-case endpoint groups them. So a batch never
/// builds or runs the validator: tests hold the errors equal to the validator's on generated cases. The errors of
/// a set of broken checks are kept (the texts are fixed), except when an element of
/// <c>antibodies.otherMyositisSpecific</c> is broken: those errors name the element. Thread-safe.
/// </summary>
internal static class BatchValidation
{
    private static readonly int ElementCheck = FindingsCheck.All.IndexOf(FindingsCheck.OtherMyositisSpecific);
    private static readonly ConcurrentDictionary<uint, IReadOnlyDictionary<string, string[]>> ErrorsByBrokenChecks = new();

    /// <summary>The errors of a case keyed by JSON path, or null when it is valid.</summary>
    [MethodImpl(PerRow.Optimized)]
    public static IReadOnlyDictionary<string, string[]>? Errors(in FindingValues values)
    {
        var broken = FindingsPrecheck.Broken(values);
        if (broken == 0)
        {
            return null;
        }

        if ((broken & (1u << ElementCheck)) != 0)
        {
            return ErrorsOf(broken, values.OtherMyositisSpecific);
        }

        if (!ErrorsByBrokenChecks.TryGetValue(broken, out var errors))
        {
            errors = ErrorsOf(broken, null);
            ErrorsByBrokenChecks.TryAdd(broken, errors);
        }

        return errors;
    }

    /// <summary>The errors of the broken checks, in the validator's order, each message once per path.</summary>
    private static Dictionary<string, string[]> ErrorsOf(uint broken, IReadOnlyList<MyositisAntibody>? antibodies)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < FindingsCheck.All.Length; i++)
        {
            if ((broken & (1u << i)) == 0)
            {
                continue;
            }

            var check = FindingsCheck.All[i];
            if (i == ElementCheck)
            {
                for (var e = 0; e < antibodies!.Count; e++)
                {
                    if (!Enum.IsDefined(antibodies[e]))
                    {
                        Add(errors, $"{check.Path}[{e}]", check.Message);
                    }
                }

                continue;
            }

            Add(errors, check.Path, check.Message);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages))
        {
            errors[path] = messages = [];
        }

        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }
}
