namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// Reads a treatment's <c>dose</c>: its text, at most one amount (<c>fixed</c>, <c>perKg</c> or <c>perM2</c>),
/// a cap from a named parameter, a per-day example for a course, the adjusted body weight rule, and a
/// <c>child</c> regimen. A child's cap is the lower of its own and the adult maximum, so the ruleset itself
/// guarantees that a child's computed dose never exceeds the adult dose.
/// </summary>
internal sealed class DoseReader(LoadContext context, CatalogueReader catalogue)
{
    private static readonly string[] Units = ["mg", "g"];
    private static readonly string[] Periods = ["day", "week", "course", "dose"];
    private static readonly (string Name, DoseBasis Basis)[] Bases = [("fixed", DoseBasis.Fixed), ("perKg", DoseBasis.PerKg), ("perM2", DoseBasis.PerM2)];

    /// <summary>The parameters of the adjusted body weight (Devine ideal body weight, 40% of the excess).</summary>
    internal static readonly string[] AdjustedWeightParameters =
        ["bodyWeight.obeseFromBmi", "idealWeight.maleBaseKg", "idealWeight.otherBaseKg", "idealWeight.baseHeightCm", "idealWeight.kgPerCm", "adjustedWeight.fraction"];

    public DoseSpec? Read(JsonCursor dose) => Read(dose, adult: null);

    private DoseSpec? Read(JsonCursor dose, DoseSpec? adult)
    {
        string[] allowed = adult is null
            ? ["text", "fixed", "perKg", "perM2", "capParameter", "splitOverDays", "weight", "child"]
            : ["text", "fixed", "perKg", "perM2", "capParameter", "splitOverDays", "weight"];
        if (!dose.IsObject(allowed))
        {
            return null;
        }

        var text = catalogue.Text(dose, "text");
        var split = dose.Integer("splitOverDays", required: false);
        var ok = text is not null;
        double? cap = null;
        if (dose.String("capParameter", required: false) is { } capName)
        {
            cap = Parameter(dose.Property("capParameter")!.Value, capName);
            ok &= cap is not null;
        }

        DoseAmount? amount = null;
        var given = Bases.Where(b => dose.Has(b.Name)).ToArray();
        if (given.Length > 1)
        {
            dose.Error("give at most one of 'fixed', 'perKg' and 'perM2'");
            ok = false;
        }
        else if (given.Length == 1)
        {
            amount = ReadAmount(dose.Property(given[0].Name)!.Value, given[0].Basis);
            ok &= amount is not null;
        }

        var adjusted = ReadWeightBasis(dose, amount, ref ok);
        if (!ok)
        {
            return null;
        }

        var spec = new DoseSpec { Text = text!, Amount = amount, Cap = cap, SplitOverDays = split, AdjustedWeight = adjusted };
        if (adult is not null)
        {
            return WithinAdult(dose, spec, adult);
        }

        if (dose.Property("child", required: false) is not { } child)
        {
            return spec;
        }

        return Read(child, spec) is { } childSpec ? spec with { Child = childSpec } : null;
    }

    private AdjustedWeightRule? ReadWeightBasis(JsonCursor dose, DoseAmount? amount, ref bool ok)
    {
        if (dose.String("weight", required: false) is not { } weight)
        {
            return null;
        }

        if (weight != "adjusted-when-obese" || amount?.Basis != DoseBasis.PerKg)
        {
            dose.Property("weight")!.Value.Error("weight must be 'adjusted-when-obese', on a 'perKg' dose");
            ok = false;
            return null;
        }

        var values = AdjustedWeightParameters.Select(name => Parameter(dose.Property("weight")!.Value, name)).ToArray();
        if (values.Any(v => v is null))
        {
            ok = false;
            return null;
        }

        return new AdjustedWeightRule
        {
            FromBmi = values[0]!.Value,
            MaleBaseKg = values[1]!.Value,
            OtherBaseKg = values[2]!.Value,
            BaseHeightCm = values[3]!.Value,
            KgPerCm = values[4]!.Value,
            Fraction = values[5]!.Value,
        };
    }

    /// <summary>The child regimen with its cap lowered to the adult maximum, in the child's unit.</summary>
    private static DoseSpec? WithinAdult(JsonCursor dose, DoseSpec child, DoseSpec adult)
    {
        if (child.Amount is not { } amount || adult.MaximumMilligrams is not { } adultMax)
        {
            return child;
        }

        if (adult.Amount!.Per != amount.Per)
        {
            dose.Error($"a child's dose must be per the same period as the adult's ('{adult.Amount.Per}') so that it can be capped at the adult dose");
            return null;
        }

        var adultCap = adultMax / amount.MilligramsPerUnit;
        return child with { Cap = child.Cap is { } own ? Math.Min(own, adultCap) : adultCap };
    }

    private static DoseAmount? ReadAmount(JsonCursor amount, DoseBasis basis)
    {
        if (!amount.IsObject("min", "max", "unit", "per", "dividedDoses", "bands"))
        {
            return null;
        }

        var min = amount.Number("min");
        var max = amount.Number("max", required: false) ?? min;
        var unit = amount.String("unit");
        var per = amount.String("per");
        var divided = amount.Integer("dividedDoses", required: false) ?? 1;
        var ok = Allowed(amount, "unit", unit, Units) & Allowed(amount, "per", per, Periods);
        if (min > max || min <= 0 || divided < 1)
        {
            amount.Error("min must be above 0 and at most max, and dividedDoses at least 1");
            ok = false;
        }

        var bands = new List<DoseBand>();
        if (amount.Property("bands", required: false) is { } list)
        {
            if (basis != DoseBasis.PerM2)
            {
                list.Error("bands are only allowed on a 'perM2' dose");
                ok = false;
            }

            foreach (var item in list.Items())
            {
                ok &= ReadBand(item, bands);
            }
        }

        return !ok || min is null || max is null
            ? null
            : new DoseAmount { Basis = basis, Min = min.Value, Max = max.Value, Unit = unit!, Per = per!, DividedDoses = divided, Bands = bands };
    }

    private static bool ReadBand(JsonCursor item, List<DoseBand> bands)
    {
        if (!item.IsObject("aboveM2", "min", "max"))
        {
            return false;
        }

        var above = item.Number("aboveM2");
        var min = item.Number("min");
        var max = item.Number("max", required: false) ?? min;
        if (above is null || min is null || max is null)
        {
            return false;
        }

        if (bands.Count > 0 && above <= bands[^1].AboveM2)
        {
            item.Error("bands must be in ascending order of aboveM2");
            return false;
        }

        bands.Add(new DoseBand { AboveM2 = above.Value, Min = min.Value, Max = max.Value });
        return true;
    }

    private static bool Allowed(JsonCursor owner, string name, string? value, string[] allowed)
    {
        if (value is null || allowed.Contains(value, StringComparer.Ordinal))
        {
            return value is not null;
        }

        owner.Property(name)!.Value.Error($"{name} must be one of {string.Join(", ", allowed)}; found '{value}'");
        return false;
    }

    private double? Parameter(JsonCursor at, string name)
    {
        if (context.Parameters.TryGetValue(name, out var parameter))
        {
            return parameter.Value;
        }

        at.Error($"unknown parameter '{name}'");
        return null;
    }
}
