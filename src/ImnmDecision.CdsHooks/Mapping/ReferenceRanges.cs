using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Picks the reference range that applies to the patient: a range's <c>appliesTo</c> (sex, as SNOMED CT or
/// administrative-gender codes or text) and <c>age</c> (a Range in years) must fit the patient. A range that
/// names a population the patient is known not to belong to is never used; when the lab gives ranges that
/// depend on sex or age and the patient's are unknown, none is used and the card says why.
/// </summary>
internal static class ReferenceRanges
{
    private const string Snomed = "http://snomed.info/sct";

    /// <summary>The range to use and, when none fits, why (for the card); both null when there is no normal range.</summary>
    public static (Observation.ReferenceRangeComponent? Range, string? Problem) Pick(
        IReadOnlyList<Observation.ReferenceRangeComponent> ranges, Sex? sex, double? ageYears)
    {
        var normal = ranges.Where(IsNormal).ToList();
        if (normal.Count == 0)
        {
            return (null, null);
        }

        var generic = normal.Where(r => !HasPopulation(r)).ToList();
        var fitting = new List<(Observation.ReferenceRangeComponent Range, int Specificity)>();
        var undecided = false;
        foreach (var range in normal.Where(HasPopulation))
        {
            var sexFit = SexFits(range, sex);
            var ageFit = AgeFits(range, ageYears);
            if (sexFit == false || ageFit == false)
            {
                continue;
            }

            if (sexFit is null || ageFit is null)
            {
                undecided = true;
                continue;
            }

            fitting.Add((range, (SexOf(range) is null ? 0 : 1) + (range.Age is null ? 0 : 1)));
        }

        if (fitting.Count > 0)
        {
            return (fitting.OrderByDescending(f => f.Specificity).First().Range, null);
        }

        if (undecided)
        {
            return (null, "the lab's reference ranges depend on sex or age, and the patient's are not known");
        }

        return generic.Count > 0 ? (generic[0], null) : (null, "none of the lab's reference ranges applies to this patient's sex and age");
    }

    private static bool IsNormal(Observation.ReferenceRangeComponent range) =>
        range.Type is null || FhirValues.Codings(range.Type).Any(c => c.Code is "normal") || FhirValues.Texts(range.Type).Any(t => t.Contains("normal", StringComparison.OrdinalIgnoreCase));

    private static bool HasPopulation(Observation.ReferenceRangeComponent range) => SexOf(range) is not null || range.Age is not null;

    // The sex a range is for: SNOMED CT 248153007 male / 248152002 female, administrative-gender codes, or text.
    private static Sex? SexOf(Observation.ReferenceRangeComponent range)
    {
        foreach (var concept in FhirValues.Concepts(range.AppliesTo))
        {
            foreach (var coding in FhirValues.Codings(concept))
            {
                var sex = (coding.System is null ? null : CodeBook.NormalizeSystem(coding.System), coding.Code) switch
                {
                    (Snomed, "248153007") => Sex.Male,
                    (Snomed, "248152002") => Sex.Female,
                    (_, "male" or "M") => Sex.Male,
                    (_, "female" or "F") => Sex.Female,
                    _ => (Sex?)null,
                };
                if (sex is not null)
                {
                    return sex;
                }
            }

            foreach (var text in FhirValues.Texts(concept))
            {
                var word = text.Trim().ToLowerInvariant();
                if (word is "male" or "males" or "men" or "man")
                {
                    return Sex.Male;
                }

                if (word is "female" or "females" or "women" or "woman")
                {
                    return Sex.Female;
                }
            }
        }

        return null;
    }

    private static bool? SexFits(Observation.ReferenceRangeComponent range, Sex? sex) => SexOf(range) switch
    {
        null => true,
        var needed when sex is Sex.Male or Sex.Female => needed == sex,
        _ => null,
    };

    // Age ranges in years ('a' in UCUM); a range in another unit is not understood and so not used.
    private static bool? AgeFits(Observation.ReferenceRangeComponent range, double? ageYears)
    {
        if (range.Age is null)
        {
            return true;
        }

        var low = range.Age.Low;
        var high = range.Age.High;
        if (!IsYears(low) || !IsYears(high))
        {
            return false;
        }

        if (ageYears is not { } age)
        {
            return null;
        }

        return (FhirValues.Number(low) is not { } from || age >= from) && (FhirValues.Number(high) is not { } to || age <= to);
    }

    private static bool IsYears(Quantity? quantity) =>
        quantity is null || FhirValues.Number(quantity) is null
        || (FhirValues.Text(quantity.CodeElement) ?? FhirValues.Text(quantity.UnitElement))?.Trim().ToLowerInvariant() is null or "a" or "yr" or "yrs" or "year" or "years";
}
