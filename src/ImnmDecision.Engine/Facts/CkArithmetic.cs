using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// CK in U/L, its upper limit of normal and CK as a multiple of it, worked out in decimal so that a unit never
/// changes an answer: 109.0 ukat/L against 2.18 ukat/L is exactly 50x ULN, as 6,540 U/L against 130.8 U/L is, and
/// 1,368 U/L against 136.8 U/L is exactly 10x (in binary floating point the first is 49.99999999999999 and the
/// two units of the second land on different sides of 10).
/// <para>
/// Facts are doubles (rules compare doubles, compiled once), so the decimal ratio is stored as the nearest double,
/// then moved by one step where that double would compare with a threshold the ruleset uses on
/// <c>ck.timesUln</c> differently from the decimal (a ratio a hair under 50 that rounds to 50.0). Every
/// comparison a rule makes is therefore the decimal comparison, without a decimal in the evaluator and without
/// rounding the ratio to some number of digits (which would call 49.9999999999999 "50"). The thresholds come from
/// the rules (values and named parameters), so a new threshold needs no code. Two whole numbers in U/L (most
/// readings) need no decimal: their double quotient is the nearest double to the exact ratio, and CK x 10^scale
/// against the threshold's digits x ULN, in whole numbers, says which side of each threshold the ratio is on.
/// </para>
/// <para>
/// A number given as a double is taken as the decimal it was written as: <see cref="decimal"/>'s conversion keeps
/// 15 significant digits, which recovers the text of a JSON or CSV number of up to 15 significant digits (2.18, not
/// 2.18000000000000015987). Numbers outside 1e-12 to 1e12, far outside any laboratory's range, are worked out in
/// binary floating point instead (decimal cannot hold every ratio of them).
/// </para>
/// <para>
/// Without the lab's ULN, the default for the sex applies (ruleset parameters). For sex <c>other</c>,
/// <c>unknown</c> or absent both defaults apply: CK is raised above the higher default, not raised at or below the
/// lower one, and unknown between; CK as a multiple of the ULN is known only when every comparison the ruleset makes
/// with it holds alike for CK over the higher default and CK over the lower one (then every rule decides the same
/// whichever default is right, and the multiple of the higher default is shown: 15,000 U/L is 50x or 75x, at least
/// 50x either way); otherwise it is unknown. Without the comparisons' operators, a threshold from one multiple to the
/// other, ends included, makes it unknown.
/// </para>
/// </summary>
internal sealed partial class CkArithmetic
{
    /// <summary>1 ukat/L of CK is 60 U/L (1 U = 1 umol/min; 1 kat = 1 mol/s).</summary>
    public const decimal UnitsPerLitrePerMicrokatalPerLitre = 60m;

    private const double Smallest = 1e-12;
    private const double Largest = 1e12;

    private readonly double femaleDefault;
    private readonly double otherDefault;
    private readonly decimal lowerDefault;
    private readonly decimal higherDefault;
    private readonly double[] thresholds;
    private readonly decimal[] exactThresholds;
    private readonly (long Digits, int Scale)[] thresholdDigits;
    private readonly bool wholeRatios;
    private readonly (LeafOperator Op, decimal Value)[]? exactComparisons;

    private static readonly Int128[] Pow10 = [.. Enumerable.Range(0, 29).Select(n => Enumerable.Repeat((Int128)10, n).Aggregate((Int128)1, (a, b) => a * b))];

    /// <param name="femaleDefaultUnitsPerLitre">The default ULN for women, in U/L.</param>
    /// <param name="otherDefaultUnitsPerLitre">The default ULN for men (and, with the female one, for any other sex), in U/L.</param>
    /// <param name="timesUlnThresholds">The values rules compare <c>ck.timesUln</c> with.</param>
    /// <param name="timesUlnComparisons">How rules compare <c>ck.timesUln</c> (operator and value), when known; their values are thresholds too.</param>
    public CkArithmetic(
        double femaleDefaultUnitsPerLitre,
        double otherDefaultUnitsPerLitre,
        IEnumerable<double> timesUlnThresholds,
        IEnumerable<(LeafOperator Op, double Value)>? timesUlnComparisons = null)
    {
        femaleDefault = femaleDefaultUnitsPerLitre;
        otherDefault = otherDefaultUnitsPerLitre;
        lowerDefault = Exact(Math.Min(femaleDefault, otherDefault));
        higherDefault = Exact(Math.Max(femaleDefault, otherDefault));
        var comparisons = timesUlnComparisons?.Where(c => c.Value is >= Smallest and <= Largest).ToArray();
        exactComparisons = comparisons?.Select(c => (c.Op, Exact(c.Value))).ToArray();
        thresholds = [.. timesUlnThresholds.Concat(comparisons?.Select(c => c.Value) ?? []).Where(t => t is >= Smallest and <= Largest).Distinct().Order()];
        exactThresholds = [.. thresholds.Select(Exact)];
        thresholdDigits = [.. exactThresholds.Select(Digits)];
        wholeRatios = thresholdDigits.All(t => t.Scale <= 26); // ck x 10^scale stays within Int128
    }

    /// <summary>The thresholds on <c>ck.timesUln</c> that stored ratios compare exactly with, ascending.</summary>
    public IReadOnlyList<double> Thresholds => thresholds;

    /// <summary>
    /// The CK facts of one reading: the value and the lab's ULN in the unit given (<paramref name="microkatal"/>),
    /// and <paramref name="female"/> null for sex <c>other</c>, <c>unknown</c> or absent, else whether the patient is female.
    /// </summary>
    public CkReading Read(double? value, double? labUln, bool microkatal, bool? female, CkComparator? bound = null)
    {
        if (bound is { } comparator && value is { } reported)
        {
            return ReadBound(reported, comparator, labUln, microkatal, female);
        }

        if (labUln is { } uln)
        {
            return ReadWithUln(value, uln, microkatal, microkatal);
        }

        // A default ULN is in U/L, whatever the value's unit.
        return female is { } isFemale
            ? ReadWithUln(value, isFemale ? femaleDefault : otherDefault, microkatal, ulnMicrokatal: false)
            : ReadWithBothDefaults(value, microkatal);
    }

    private CkReading ReadWithUln(double? value, double uln, bool valueMicrokatal, bool ulnMicrokatal)
    {
        var ulnPerLitre = ToUnitsPerLitre(uln, ulnMicrokatal);
        if (value is not { } ck)
        {
            return new CkReading(double.NaN, ulnPerLitre, double.NaN, double.NaN);
        }

        if (wholeRatios && !valueMicrokatal && !ulnMicrokatal && IsWhole(ck) && IsWhole(uln))
        {
            // Whole numbers in U/L (most readings): the double quotient is already the nearest double to the exact
            // ratio, and whole-number arithmetic tells exactly where it stands against each threshold.
            return new CkReading(ck, uln, Comparable(ck / uln, (long)ck, (long)uln), ck > uln ? 1 : 0);
        }

        var ckPerLitre = ToUnitsPerLitre(ck, valueMicrokatal);
        if (IsExact(ck) && IsExact(uln))
        {
            var ratio = InUnitsPerLitre(ck, valueMicrokatal) / InUnitsPerLitre(uln, ulnMicrokatal);
            return new CkReading(ckPerLitre, ulnPerLitre, Comparable(ratio), ratio > 1 ? 1 : 0);
        }

        // In the unit they were sent in when they share it: in U/L both may pass double's range (1e308 ukat/L), and
        // infinity over infinity is no ratio at all.
        var times = valueMicrokatal == ulnMicrokatal ? ck / uln : ckPerLitre / ulnPerLitre;
        return new CkReading(ckPerLitre, ulnPerLitre, times, times > 1 ? 1 : 0);
    }

    private CkReading ReadWithBothDefaults(double? value, bool microkatal)
    {
        if (value is not { } ck)
        {
            return new CkReading(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var ckPerLitre = ToUnitsPerLitre(ck, microkatal);
        if (!IsExact(ck))
        {
            // Beyond any laboratory's range, far above both defaults or far below both (a trace of 1e-300 U/L is
            // not raised): the double comparison with the defaults is exact enough so far from them.
            var times = ckPerLitre / (double)higherDefault;
            return new CkReading(ckPerLitre, double.NaN, times, ckPerLitre > (double)higherDefault ? 1 : ckPerLitre <= (double)lowerDefault ? 0 : double.NaN);
        }

        var exact = InUnitsPerLitre(ck, microkatal);
        var againstHigher = exact / higherDefault;
        var againstLower = exact / lowerDefault;
        var elevated = exact > higherDefault ? 1 : exact <= lowerDefault ? 0 : double.NaN;
        var timesUln = Straddles(againstHigher, againstLower) ? double.NaN : Comparable(againstHigher);
        return new CkReading(ckPerLitre, double.NaN, timesUln, elevated);
    }

    /// <summary>
    /// The double to store for a decimal ratio: the nearest one, moved by one step wherever it would otherwise
    /// compare with a threshold differently from the decimal ratio.
    /// </summary>
    public double Comparable(decimal ratio)
    {
        var stored = (double)ratio;
        for (var i = 0; i < exactThresholds.Length; i++)
        {
            stored = Agreeing(stored, i, Math.Sign(ratio.CompareTo(exactThresholds[i])));
        }

        return stored;
    }

    /// <summary>
    /// <see cref="Comparable(decimal)"/> for the ratio of two whole numbers (<paramref name="quotient"/> their
    /// nearest double), compared with each threshold in whole numbers: ck x 10^scale against the threshold's digits x ULN.
    /// </summary>
    private double Comparable(double quotient, long ck, long uln)
    {
        var stored = quotient;
        for (var i = 0; i < exactThresholds.Length; i++)
        {
            // The quotient is within a step of the exact ratio: away from a threshold it is on the same side.
            if (Math.Abs(stored - thresholds[i]) > thresholds[i] * 1e-9)
            {
                continue;
            }

            var (digits, scale) = thresholdDigits[i];
            var wanted = ((Int128)ck * Pow10[scale]).CompareTo((Int128)digits * uln);
            stored = Agreeing(stored, i, Math.Sign(wanted));
        }

        return stored;
    }

    /// <summary><paramref name="stored"/>, or the nearest double on the side of threshold <paramref name="i"/> the exact ratio is on (<paramref name="wanted"/>: its sign against it).</summary>
    private double Agreeing(double stored, int i, int wanted)
    {
        var threshold = thresholds[i];
        return Math.Sign(stored.CompareTo(threshold)) == wanted ? stored
            : wanted switch
            {
                0 => threshold,
                < 0 => Math.BitDecrement(threshold),
                _ => Math.BitIncrement(threshold),
            };
    }

    /// <summary>A decimal threshold as its digits and scale: 1.5 is (15, 1). Thresholds lie within 1e-12 to 1e12 (15 significant digits).</summary>
    private static (long Digits, int Scale) Digits(decimal threshold)
    {
        var scale = threshold.Scale;
        return ((long)(threshold * (decimal)Math.Pow(10, scale)), scale);
    }

    /// <summary>
    /// Whether a rule could decide differently at <paramref name="low"/> and at <paramref name="high"/> (the multiples
    /// of the two default ULNs): a comparison that holds at one and not at the other, or without the operators, a
    /// threshold in [low, high].
    /// </summary>
    private bool Straddles(decimal low, decimal high)
    {
        if (exactComparisons is { } comparisons)
        {
            foreach (var (op, value) in comparisons)
            {
                if (Holds(op, low, value) != Holds(op, high, value))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var threshold in exactThresholds)
        {
            if (low <= threshold && threshold <= high && low != high)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Holds(LeafOperator op, decimal ratio, decimal value) => op switch
    {
        LeafOperator.Eq => ratio == value,
        LeafOperator.Ne => ratio != value,
        LeafOperator.Gt => ratio > value,
        LeafOperator.Gte => ratio >= value,
        LeafOperator.Lt => ratio < value,
        LeafOperator.Lte => ratio <= value,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Only number comparisons compare ck.timesUln."),
    };

    private static double ToUnitsPerLitre(double value, bool microkatal) =>
        !microkatal ? value
        : IsExact(value) ? (double)InUnitsPerLitre(value, microkatal)
        : value * (double)UnitsPerLitrePerMicrokatalPerLitre;

    private static decimal InUnitsPerLitre(double value, bool microkatal) =>
        microkatal ? Exact(value) * UnitsPerLitrePerMicrokatalPerLitre : Exact(value);

    /// <summary>A whole number from 0 to 10^12 (ratios of two of them are compared exactly in <see cref="Int128"/>).</summary>
    private static bool IsWhole(double value) => value is >= 0 and <= Largest && value == Math.Floor(value);

    private static bool IsExact(double value) => value == 0 || Math.Abs(value) is >= Smallest and <= Largest;

    /// <summary>The decimal a number was written as (15 significant digits, see the class remarks).</summary>
    // A whole number below 10^15 converts through long to the same decimal, bit for bit, without the general
    // conversion's digit search (most CK values and limits are whole).
    private static decimal Exact(double value) =>
        value is > 0 and < 1e15 && value == Math.Floor(value) ? (long)value : (decimal)value;
}
