using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Reads an antibody result as positive, negative or equivocal, in the design's order: the lab's
/// interpretation (a coding, else its text), else a coded value (SNOMED), else a quantity (or a number written
/// as text, such as <c>&lt;20 CU</c>) against the lab's limit (<c>referenceRange.high</c>, else a range text
/// such as <c>&lt;20 CU</c>), else the result text. When the interpretation and the value disagree, the
/// interpretation is used and the disagreement is reported. Nothing is read into a result that does not say it.
/// </summary>
internal static class AntibodyInterpreter
{
    /// <summary>The reading, what it was read from, and a contradiction between interpretation and value, if any.</summary>
    public static (AntibodyResult Result, string Basis, string? Contradiction)? Read(ObservationReading reading, CodeBook codes)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(codes);
        var interpretation = Interpretation(reading, codes);
        var value = Value(reading, codes);
        if (interpretation is { } lab)
        {
            var contradiction = value is { } v && v.Result != lab.Result
                ? $"the interpretation ({Safe.Code(lab.Basis)}) says {AntibodyNames.Result(lab.Result)} but the value ({v.Basis}) reads {AntibodyNames.Result(v.Result)}; the interpretation was used"
                : null;
            return (lab.Result, lab.Basis, contradiction);
        }

        return value is { } read ? (read.Result, read.Basis, null) : null;
    }

    private static (AntibodyResult Result, string Basis)? Interpretation(ObservationReading reading, CodeBook codes)
    {
        if (codes.Interpretation(reading.Interpretation) is { } coded)
        {
            return (coded.Result, $"interpretation {Safe.Code(coded.Code)}");
        }

        foreach (var text in reading.Interpretation.SelectMany(FhirValues.Texts))
        {
            if (codes.TextValue(text) is { } written)
            {
                return (written, "interpretation text");
            }
        }

        return null;
    }

    private static (AntibodyResult Result, string Basis)? Value(ObservationReading reading, CodeBook codes)
    {
        if (codes.CodedValue(reading.ValueCodeableConcept) is { } coded)
        {
            return (coded, "coded result");
        }

        if (FhirValues.Number(reading.ValueQuantity) is { } number && double.IsFinite(number))
        {
            var quantity = reading.ValueQuantity!;
            var unit = FhirValues.Text(quantity.UnitElement) ?? FhirValues.Text(quantity.CodeElement);
            return Against(reading, FhirValues.Comparator(quantity), number, unit);
        }

        if (ResultText.Quantity(reading.ValueString) is { } written && Against(reading, written.Comparator, written.Value, written.Unit) is { } fromText)
        {
            return fromText;
        }

        foreach (var text in FhirValues.Texts(reading.ValueCodeableConcept).Append(reading.ValueString))
        {
            if (codes.TextValue(text) is { } result)
            {
                return (result, "result text");
            }
        }

        return null;
    }

    // The true value lies between bounds set by the comparator; it is positive only when it must exceed the
    // lab's limit, negative only when it cannot. A limit in another unit than the value is not compared.
    private static (AntibodyResult, string)? Against(ObservationReading reading, string? comparator, double value, string? unit)
    {
        if (Limit(reading, unit) is not { } limit)
        {
            return null;
        }

        var unitText = Safe.Code(unit);
        var basis = $"{comparator}{Safe.Number(value)} {unitText} against the lab's limit {(limit.Inclusive ? "" : "<")}{Safe.Number(limit.High)} {unitText}".Replace("  ", " ", StringComparison.Ordinal).Trim();
        // A normal range "<20" (exclusive) makes 20 itself abnormal; "0-19" or a high of 20 (inclusive) keeps 20 normal.
        var abnormal = limit.Inclusive ? value > limit.High : value >= limit.High;
        var positive = comparator switch
        {
            ">" => value >= limit.High,
            ">=" or null or "" => abnormal,
            _ => false,
        };
        var negative = comparator switch
        {
            "<" => value <= limit.High,
            "<=" or null or "" => !abnormal,
            _ => false,
        };
        return positive ? (AntibodyResult.Positive, basis) : negative ? (AntibodyResult.Negative, basis) : null;
    }

    private static (double High, bool Inclusive)? Limit(ObservationReading reading, string? valueUnit)
    {
        foreach (var range in reading.ReferenceRange)
        {
            if (FhirValues.Number(range.High) is { } high && double.IsFinite(high))
            {
                var highUnit = FhirValues.Text(range.High!.UnitElement) ?? FhirValues.Text(range.High.CodeElement);
                return SameUnit(valueUnit, highUnit) ? (high, true) : null;
            }

            if (ResultText.UpperLimit(FhirValues.Text(range.TextElement)) is { } written)
            {
                return SameUnit(valueUnit, written.Unit) ? (written.High, written.Inclusive) : null;
            }
        }

        return null;
    }

    private static bool SameUnit(string? a, string? b) =>
        string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b) || string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
