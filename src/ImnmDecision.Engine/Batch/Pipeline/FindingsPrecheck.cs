using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Tells which of <see cref="FindingsCheck.All"/> a case breaks, one bit each, so that a batch validates a case
/// without building FluentValidation's failures; a batch's errors are those checks' own paths and messages (see
/// <see cref="BatchValidation"/>), which the validator reports too. Tests keep the two in step.
/// </summary>
internal static class FindingsPrecheck
{
    /// <summary>Whether <see cref="FindingsValidator"/> accepts the findings.</summary>
    public static bool IsValid(Findings findings) => Broken(findings.Values) == 0;

    /// <summary>The checks the values break, one bit per check; 0 when they pass them all.</summary>
    public static ulong Broken(FindingValues values)
    {
        var checks = FindingsCheck.All;
        var broken = 0UL;
        for (var i = 0; i < checks.Length; i++)
        {
            if (!checks[i].Holds(values))
            {
                broken |= 1UL << i;
            }
        }

        return broken;
    }
}
