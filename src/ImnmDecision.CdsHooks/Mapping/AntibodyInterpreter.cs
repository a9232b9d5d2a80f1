using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Reads an antibody result as positive, negative or equivocal, in the design's order: the lab's
/// interpretation, else a coded value (SNOMED), else a quantity against the lab's <c>referenceRange.high</c>,
/// else text. Nothing is read into a result that does not say it.
/// </summary>
internal static class AntibodyInterpreter
{
    public static (AntibodyResult Result, string Basis)? Read(ObservationReading reading, CodeBook codes)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Interpretation(reading.Interpretation) is { } interpretation)
        {
            return (interpretation.Result, $"interpretation {Safe.Code(interpretation.Code)}");
        }

        if (codes.CodedValue(reading.ValueCodeableConcept) is { } coded)
        {
            return (coded, "coded result");
        }

        if (reading.ValueQuantity?.Value is { } value && double.IsFinite(value))
        {
            return Quantity(reading, value);
        }

        foreach (var text in (reading.ValueCodeableConcept?.Texts() ?? []).Append(reading.ValueString))
        {
            if (codes.TextValue(text) is { } written)
            {
                return (written, "result text");
            }
        }

        return null;
    }

    // The true value lies between bounds set by the comparator; it is positive only when it must exceed the
    // lab's limit, negative only when it cannot.
    private static (AntibodyResult, string)? Quantity(ObservationReading reading, double value)
    {
        var high = reading.ReferenceRange?.Select(r => r.High?.Value).FirstOrDefault(h => h is { } v && double.IsFinite(v));
        if (high is not { } limit)
        {
            return null;
        }

        var comparator = reading.ValueQuantity!.Comparator;
        var unit = Safe.Code(reading.ValueQuantity.Unit ?? reading.ValueQuantity.Code);
        var basis = $"{comparator}{Safe.Number(value)} {unit} against the lab's limit {Safe.Number(limit)} {unit}".Replace("  ", " ", StringComparison.Ordinal).Trim();
        var positive = comparator switch
        {
            ">" => value >= limit,
            ">=" or null or "" => value > limit,
            _ => false,
        };
        var negative = comparator switch
        {
            "<" or "<=" or null or "" => value <= limit,
            _ => false,
        };
        return positive ? (AntibodyResult.Positive, basis) : negative ? (AntibodyResult.Negative, basis) : null;
    }
}
