using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// CK reported as a bound (<see cref="CkComparator"/>): the true value lies above it (<c>&gt;</c>, <c>&gt;=</c>) or
/// below it (<c>&lt;</c>, <c>&lt;=</c>). Raised is known where the bound settles it against every limit that may
/// apply (&gt;1,400 U/L is raised against a ULN of 200; &lt;150 U/L is not). CK as a multiple of the ULN is known
/// only when every comparison the rules make with it comes out the same for every multiple the bound allows
/// (&gt;15,000 U/L against 300 U/L is over every threshold up to 50x); it is then stored as a multiple on the
/// bound's side of every threshold. Otherwise it is unknown (&gt;1,400 U/L against 10x a ULN of 200), never the
/// bound taken as the value. A bound that equals a threshold is read as settling it only when the comparator
/// excludes the bound itself.
/// </summary>
internal sealed partial class CkArithmetic
{
    /// <summary>Ratios beyond this are compared as this: every threshold is far below it.</summary>
    private const double RatioCeiling = 1e20;

    private CkReading ReadBound(double ck, CkComparator comparator, double? labUln, bool microkatal, bool? female)
    {
        var ckPerLitre = ToUnitsPerLitre(ck, microkatal);

        // The limits that may apply, in U/L: the lab's, the default for the sex, or both defaults.
        var (lowest, highest, shown) = labUln is { } uln ? Same(ToUnitsPerLitre(uln, microkatal))
            : female is { } isFemale ? Same(isFemale ? femaleDefault : otherDefault)
            : ((double)lowerDefault, (double)higherDefault, double.NaN);
        var above = comparator is CkComparator.GreaterThan or CkComparator.AtLeast;
        var excludesBound = comparator is CkComparator.GreaterThan or CkComparator.LessThan;

        // Above the bound: the smallest multiple is against the highest limit; below it, the largest is against the lowest.
        var ratio = Ratio(ckPerLitre, above ? highest : lowest);
        var settled = Settles(ratio, above, excludesBound);
        var times = settled ? Stored(ratio, above, excludesBound) : double.NaN;
        var elevated = above
            ? (excludesBound ? ckPerLitre >= highest : ckPerLitre > highest) ? 1 : double.NaN
            : ckPerLitre <= lowest ? 0 : double.NaN;
        return new CkReading(ckPerLitre, shown, times, elevated);

        static (double, double, double) Same(double limit) => (limit, limit, limit);
    }

    /// <summary>The multiple as a decimal: exact for numbers within a laboratory's range, else capped far above every threshold.</summary>
    private static decimal Ratio(double ckPerLitre, double uln) =>
        IsExact(ckPerLitre) && IsExact(uln) ? Exact(ckPerLitre) / Exact(uln)
        : (decimal)Math.Min(ckPerLitre / uln, RatioCeiling);

    /// <summary>
    /// Whether every comparison the rules make with <c>ck.timesUln</c> comes out the same for every multiple the
    /// bound allows: every threshold lies beyond them (at the bound itself only when the bound is excluded: above
    /// &gt;10x every multiple is over 10, above &gt;=10x it may be 10 itself).
    /// </summary>
    private bool Settles(decimal bound, bool above, bool excludesBound)
    {
        foreach (var threshold in exactThresholds)
        {
            var outside = above ? threshold < bound : threshold > bound;
            if (!outside && !(excludesBound && threshold == bound))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The double to store: on the bound's side of every threshold (one step beyond a threshold the bound equals).</summary>
    private double Stored(decimal bound, bool above, bool excludesBound)
    {
        var stored = Comparable(bound);
        if (excludesBound && Array.IndexOf(thresholds, stored) >= 0)
        {
            stored = above ? Math.BitIncrement(stored) : Math.BitDecrement(stored);
        }

        return Math.Max(stored, 0);
    }
}
