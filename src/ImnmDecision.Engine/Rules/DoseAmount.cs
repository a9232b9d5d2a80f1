using System.Globalization;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// A dose amount as numbers: a range (<see cref="Min"/> equals <see cref="Max"/> for a single figure) in
/// <see cref="Unit"/> per <see cref="Per"/>, fixed or per kg or per m2, optionally given as
/// <see cref="DividedDoses"/> doses, and with <see cref="Bands"/> that change the amount above a body surface area.
/// </summary>
public sealed record DoseAmount
{
    /// <summary>What the amount is scaled by.</summary>
    public required DoseBasis Basis { get; init; }

    /// <summary>Lowest amount (per kg or per m2 when scaled).</summary>
    public required double Min { get; init; }

    /// <summary>Highest amount.</summary>
    public required double Max { get; init; }

    /// <summary><c>mg</c> or <c>g</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>What the amount is per: <c>day</c>, <c>week</c>, <c>course</c> or <c>dose</c>.</summary>
    public required string Per { get; init; }

    /// <summary>How many doses the amount per period is divided into (2 for twice daily); 1 otherwise.</summary>
    public int DividedDoses { get; init; } = 1;

    /// <summary>Per-m2 amounts that replace <see cref="Min"/> and <see cref="Max"/> above a body surface area, in ascending order.</summary>
    public IReadOnlyList<DoseBand> Bands { get; init; } = [];

    /// <summary>Milligrams in one unit.</summary>
    public double MilligramsPerUnit => Unit == "g" ? 1000 : 1;

    /// <summary>The scaled figure as text, for example <c>1 to 2 mg/kg/day</c> or <c>600 mg/m2/dose</c>.</summary>
    public string BasisText
    {
        get
        {
            var per = Basis switch { DoseBasis.PerKg => "/kg", DoseBasis.PerM2 => "/m2", _ => string.Empty };
            var range = Min == Max
                ? string.Create(CultureInfo.InvariantCulture, $"{Min} {Unit}{per}")
                : string.Create(CultureInfo.InvariantCulture, $"{Min} to {Max} {Unit}{per}");
            return Per == "course" ? range : $"{range}/{Per}";
        }
    }

    /// <summary>The per-unit range that applies at a body surface area.</summary>
    public (double Min, double Max) At(double? bodySurfaceArea)
    {
        var range = (Min, Max);
        foreach (var band in Bands)
        {
            if (bodySurfaceArea > band.AboveM2)
            {
                range = (band.Min, band.Max);
            }
        }

        return range;
    }
}
