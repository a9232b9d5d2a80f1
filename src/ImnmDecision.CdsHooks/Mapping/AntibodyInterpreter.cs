using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Reads an antibody result as positive, negative or equivocal, in the design's order: the lab's
/// interpretation (a coding, else its text), else a coded value (SNOMED), else a quantity (or a number written
/// as text, such as <c>&lt;20 CU</c>) against the lab's limit (<c>referenceRange.high</c>, else a range text
/// such as <c>&lt;20 CU</c>), else the result text. When the interpretation and the value disagree, the
/// interpretation is used and the disagreement is reported. An interpretation that says two things at once
/// (positive and negative codings) is read as neither: the result is not used and the reason is reported.
/// Nothing is read into a result that does not say it.
/// </summary>
internal static class AntibodyInterpreter
{
    /// <summary>
    /// The reading, what it was read from, and a contradiction between interpretation and value, if any; a
    /// <c>null</c> result with the contradiction when the interpretation contradicts itself.
    /// </summary>
    public static (AntibodyResult? Result, string Basis, string? Contradiction)? Read(ObservationReading reading, CodeBook codes)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(codes);
        var interpretation = Interpretation(reading, codes);
        var value = Value(reading, codes);
        if (interpretation is { Result: null } both)
        {
            return (null, both.Basis, $"its interpretation says both {Said(reading, codes)}");
        }

        if (interpretation is { Result: { } said } lab)
        {
            var contradiction = value is { } v && v.Result != said
                ? $"the interpretation ({Safe.Code(lab.Basis)}) says {AntibodyNames.Result(said)} but the value ({v.Basis}) reads {AntibodyNames.Result(v.Result)}; the interpretation was used"
                : null;
            return (said, lab.Basis, contradiction);
        }

        return value is { } read ? (read.Result, read.Basis, null) : null;
    }

    // The interpretation's one result (its codings, else its texts); a null result when they disagree.
    private static (AntibodyResult? Result, string Basis)? Interpretation(ObservationReading reading, CodeBook codes)
    {
        var coded = codes.Interpretations(reading.Interpretation);
        if (coded.Count > 0)
        {
            return (One(coded.Select(c => c.Result)), $"interpretation {string.Join(", ", coded.Select(c => Safe.Code(c.Code)).Distinct(StringComparer.OrdinalIgnoreCase))}");
        }

        var written = reading.Interpretation.SelectMany(FhirValues.Texts).Select(codes.TextValue).OfType<AntibodyResult>().ToList();
        return written.Count > 0 ? (One(written), "interpretation text") : null;
    }

    private static AntibodyResult? One(IEnumerable<AntibodyResult> results) => results.Distinct().ToList() is [var only] ? only : null;

    // The results a self-contradicting interpretation names, for example "negative and positive".
    private static string Said(ObservationReading reading, CodeBook codes)
    {
        var coded = codes.Interpretations(reading.Interpretation).Select(c => c.Result).ToList();
        var results = coded.Count > 0 ? coded : [.. reading.Interpretation.SelectMany(FhirValues.Texts).Select(codes.TextValue).OfType<AntibodyResult>()];
        return string.Join(" and ", results.Distinct().Order().Select(AntibodyNames.Result));
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
