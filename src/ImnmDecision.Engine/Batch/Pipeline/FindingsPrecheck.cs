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

    // Per range check (in check order): the check's bit, its field's number slot, and the lowest and highest
    // allowed values, both finite and inclusive (an exclusive minimum is the next double above it; a field without
    // a bound takes the largest finite double), so that infinities fail as the field's range check does.
    private static readonly RangeCheck[] Ranges = [.. Checks
        .Select((check, bit) => (check, bit))
        .Where(c => c.check.RangeOf is { Kind: not FindingKind.Text })
        .Select(c => new RangeCheck(
            1UL << c.bit,
            c.check.RangeOf!.Slot,
            c.check.RangeOf.Minimum is { } min ? (c.check.RangeOf.MinimumExclusive ? Math.BitIncrement(min) : min) : -double.MaxValue,
            c.check.RangeOf.Maximum ?? double.MaxValue))];

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
            // Without branches: whether a value is given, and in range, vary from row to row. NaN (absent) is neither
            // given nor in range; the bounds are finite, so an infinity is out of range.
            var value = numbers[range.Slot];
            var outOfRange = !double.IsNaN(value) & !((value >= range.Lowest) & (value <= range.Highest));
            broken |= outOfRange ? range.Bit : 0;
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

    private readonly record struct RangeCheck(ulong Bit, int Slot, double Lowest, double Highest);
}
