using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// The findings contract's checks (<see cref="FindingsCheck.All"/>) as plain comparisons, for a batch: which of them a
/// case breaks, one bit each in check order. Range checks of number fields compare the value's slot directly with
/// the field's bounds, length checks of texts the text's length; the other checks run as written. The validator names its rules after the same checks, so
/// the errors are the single endpoint's (a differential test compares both).
/// </summary>
internal static class FindingsPrecheck
{
    private static readonly FindingsCheck[] Checks = [.. FindingsCheck.All];

    // Per range check (in check order): the check's bit, its field's number slot, and the bounds (NaN-free:
    // -infinity or +infinity where the field has none).
    private static readonly RangeCheck[] Ranges = [.. Checks
        .Select((check, bit) => (check, bit))
        .Where(c => c.check.RangeOf is { Kind: not FindingKind.Text })
        .Select(c => new RangeCheck(
            1UL << c.bit,
            c.check.RangeOf!.Slot,
            c.check.RangeOf.Minimum ?? double.NegativeInfinity,
            c.check.RangeOf.MinimumExclusive,
            c.check.RangeOf.Maximum ?? double.PositiveInfinity))];

    // Per length check of a text field: the check's bit, the field and its most characters.
    private static readonly (ulong Bit, FindingField Field, int MaxLength)[] Lengths = [.. Checks
        .Select((check, bit) => (check, bit))
        .Where(c => c.check.RangeOf is { Kind: FindingKind.Text })
        .Select(c => (1UL << c.bit, c.check.RangeOf!, c.check.RangeOf!.MaxLength))];

    private static readonly int[] Others = [.. Checks
        .Select((check, bit) => (check, bit))
        .Where(c => c.check.RangeOf is null)
        .Select(c => c.bit)];

    public static bool IsValid(Findings findings) => Broken(findings.Values) == 0;

    public static ulong Broken(FindingValues values)
    {
        var broken = 0UL;
        var numbers = values.Numbers;
        foreach (var range in Ranges)
        {
            var value = numbers[range.Slot];
            if (double.IsNaN(value))
            {
                continue;
            }

            var inRange = double.IsFinite(value)
                && (range.MinimumExclusive ? value > range.Minimum : value >= range.Minimum)
                && value <= range.Maximum;
            if (!inRange)
            {
                broken |= range.Bit;
            }
        }

        foreach (var (bit, field, maxLength) in Lengths)
        {
            if (values.Text(field) is { } text && text.Length > maxLength)
            {
                broken |= bit;
            }
        }

        foreach (var bit in Others)
        {
            if (!Checks[bit].Holds(values))
            {
                broken |= 1UL << bit;
            }
        }

        return broken;
    }

    private readonly record struct RangeCheck(ulong Bit, int Slot, double Minimum, bool MinimumExclusive, double Maximum);
}
