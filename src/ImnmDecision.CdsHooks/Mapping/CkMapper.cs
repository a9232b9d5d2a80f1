using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// CK: every usable result (see <see cref="ResultStatus"/>) with a value in a known unit is read. The most
/// recent one is the current state and goes to the findings; the highest of the episode (in U/L) is shown
/// beside it. Ties on date are broken by issued time, then id, never by
/// the order the EHR sent them in. The upper limit of normal comes from the reference range that applies to the
/// patient's sex and age; without one it stays unknown and the engine's documented default applies.
/// </summary>
internal static class CkMapper
{
    // Far above any laboratory's range, and small enough that no unit conversion overflows a decimal.
    private const decimal Largest = 1e15m;

    public static CkFindings? Map(IEnumerable<ObservationReading> readings, CodeBook codes, Sex? sex, double? ageYears, MappingReport report, CkDefaultLimits? defaults = null)
    {
        var usable = new List<(CkFindings Ck, decimal UnitsPerLitre, ObservationReading Reading, string Line)>();
        foreach (var reading in ObservationReading.NewestFirst(readings))
        {
            if (Read(reading, codes, sex, ageYears, report, defaults) is { } read)
            {
                usable.Add((read.Ck, read.UnitsPerLitre, reading, read.Line));
            }
        }

        if (usable.Count == 0)
        {
            return null;
        }

        var (current, _, newest, line) = usable[0];
        // Results recorded at the same moment (often the same day, no time) have no newest one: say so, do not pretend.
        var sameTime = newest.When is null ? 1 : usable.Count(u => u.Reading.When?.Start == newest.When?.Start && u.Reading.Issued == newest.Issued);
        report.Used(sameTime > 1
            ? $"CK {line} (most recent; {sameTime} results carry this same date and time, so which is the newest is not recorded)."
            : $"CK {line} (most recent).");
        if (usable.Count > 1)
        {
            var peak = usable.OrderByDescending(u => u.UnitsPerLitre).First();
            report.Used(ReferenceEquals(peak.Reading, usable[0].Reading)
                ? $"It is also the highest of the {usable.Count} CK results in the record."
                : $"Highest CK of the {usable.Count} results in the record: {peak.Line}.");
        }

        return current;
    }

    private static (CkFindings Ck, decimal UnitsPerLitre, string Line)? Read(ObservationReading reading, CodeBook codes, Sex? sex, double? ageYears, MappingReport report, CkDefaultLimits? defaults)
    {
        if (!ResultStatus.IsUsableObservation(reading.Status))
        {
            report.Note($"A CK result ({reading.DateText}, {ResultStatus.Describe(reading.Status)}) was not used.");
            return null;
        }

        var quantity = reading.ValueQuantity;
        if (FhirValues.Decimal(quantity?.ValueElement) is not { } raw || raw < 0 || raw > Largest)
        {
            report.Note(reading.AbsentReason is { } absent
                ? $"A CK result ({reading.DateText}) has no value (data absent: {absent}) and was not used."
                : $"A CK result ({reading.DateText}) has no numeric value and was not used.");
            return null;
        }

        if (codes.CkUnitOf(quantity) is not { } unit)
        {
            var spelled = FhirValues.Text(quantity!.CodeElement) ?? FhirValues.Text(quantity.UnitElement);
            // A value without a unit (Oracle Health's published labs carry some) may be U/L or ukat/L: not guessed.
            report.Note(string.IsNullOrWhiteSpace(spelled)
                ? $"A CK result ({reading.DateText}) has no unit and was not used."
                : $"A CK result ({reading.DateText}) is in a unit that is not recognised ({Safe.Code(spelled)}) and was not used.");
            return null;
        }

        // Decimal throughout: unit factors and the ukat/L to U/L factor are exact, so a boundary value stays on
        // its side of a threshold (the engine's CkArithmetic reads the doubles back as the decimals written here).
        var value = raw * unit.Factor;
        var valueUnit = unit.Unit;
        var (range, rangeProblem) = ReferenceRanges.Pick(reading.ReferenceRange, sex, ageYears);
        var limit = range is null ? null : UpperLimit(range.High, codes);
        decimal? uln = null;
        if (limit is { } high)
        {
            // A limit in the other unit: both go to U/L (multiplying by 60 is exact; dividing by it is not).
            if (high.Unit is { } limitUnit && limitUnit != valueUnit)
            {
                value = ToUnitsPerLitre(value, valueUnit);
                valueUnit = CkUnit.UnitsPerLitre;
                uln = ToUnitsPerLitre(high.Value, limitUnit);
            }
            else
            {
                uln = high.Value;
            }
        }

        var unitText = valueUnit == CkUnit.UnitsPerLitre ? "U/L" : "ukat/L";
        // Without the lab's limit the engine applies the ruleset's default; when the lab's own flag (H, N...) says
        // otherwise, the default would overrule the lab, so the result is not used (its elevation is not known).
        var flag = uln is null ? codes.Findings.LabInterpretation(reading.Interpretation) : null;
        if (flag is { } labFlag && defaults is { } limits && limits.Raised(ToUnitsPerLitre(value, valueUnit), sex) is { } raised && raised != labFlag.High)
        {
            report.Note($"A CK result ({reading.DateText}, {Shown(value)} {unitText}) is flagged {(labFlag.High ? "high" : "normal or low")} by the lab "
                + $"(interpretation {Safe.Code(labFlag.Code)}) but carries no upper limit of normal, and the ruleset's default ({limits.Shown(sex)}) "
                + $"would call it {(raised ? "raised" : "normal")}: it was not used, since the lab's reference range is needed to tell.");
            report.AbnormalResultNotUsed |= labFlag.High;
            return null;
        }

        // A bound goes to the engine as one (ck.comparator): what it does not settle stays unknown.
        var bound = FhirValues.Comparator(quantity) switch
        {
            ">" => CkComparator.GreaterThan,
            ">=" => CkComparator.AtLeast,
            "<" => CkComparator.LessThan,
            "<=" => (CkComparator?)CkComparator.AtMost,
            _ => null,
        };
        var comparator = bound is null ? ""
            : $" (reported as {FhirValues.Comparator(quantity)}{Shown(value)}: {(bound is CkComparator.GreaterThan or CkComparator.AtLeast ? "a lower" : "an upper")} bound; a CK threshold it does not settle stays unknown)";
        var caveat = ResultStatus.Caveat(reading.Status) is { } text ? $" [{text}]" : "";
        var ulnText = uln is { } shownLimit
            ? $"lab upper limit of normal {Shown(shownLimit)} {unitText}"
            : rangeProblem is not null ? $"no upper limit of normal used: {rangeProblem}"
            : range is { High: null } ? RangeWithoutHigh(range)
            : "no upper limit of normal in the result";
        if (flag is { } shownFlag)
        {
            ulnText += $", flagged {Safe.Code(shownFlag.Code)} by the lab";
        }

        var line = $"{Shown(value)} {unitText} {reading.OnDate}{comparator}{caveat}; {ulnText}";
        var ck = new CkFindings { Value = (double)value, Unit = valueUnit, UpperLimitOfNormal = uln is { } u ? (double)u : null, Comparator = bound };
        return (ck, ToUnitsPerLitre(value, valueUnit), line);
    }

    private static string Shown(decimal value) => Safe.Number((double)value);

    // A range the lab gave without an upper limit as a number: only a lower one, or only text (which is not read).
    private static string RangeWithoutHigh(Hl7.Fhir.Model.Observation.ReferenceRangeComponent range) =>
        FhirValues.Text(range.TextElement) is { Length: > 0 }
            ? "no upper limit of normal used: the lab's range is given only as text, which is not read"
            : "no upper limit of normal in the result (the lab's range gives only a lower limit)";

    private static decimal ToUnitsPerLitre(decimal value, CkUnit unit) =>
        unit == CkUnit.MicrokatalPerLitre ? value * CkArithmetic.UnitsPerLitrePerMicrokatalPerLitre : value;

    /// <summary>The range's upper limit, with its unit (null: none given, read in the value's unit); null when unusable.</summary>
    private static (decimal Value, CkUnit? Unit)? UpperLimit(Hl7.Fhir.Model.Quantity? highQuantity, CodeBook codes)
    {
        if (FhirValues.Decimal(highQuantity?.ValueElement) is not { } high || high <= 0 || high > Largest)
        {
            return null;
        }

        var hasUnit = FhirValues.Text(highQuantity!.CodeElement) is not null || FhirValues.Text(highQuantity.UnitElement) is not null;
        if (!hasUnit)
        {
            return (high, null);
        }

        return codes.CkUnitOf(highQuantity) is { } highUnit ? (high * highUnit.Factor, highUnit.Unit) : null;
    }
}
