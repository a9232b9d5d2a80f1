using System.Globalization;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Mapping;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// Reads values from Firely's POCOs without trusting them: in recoverable mode a primitive may hold text that
/// is not a valid value, and its typed <c>Value</c> getter could throw; these helpers read the raw value and
/// answer <c>null</c> instead.
/// </summary>
internal static class FhirValues
{
    /// <summary>A primitive's value as text (codes, strings, uris, dates as written).</summary>
    public static string? Text(PrimitiveType? element) => element?.JsonValue switch
    {
        null => null,
        string text => text,
        DateTimeOffset moment => moment.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>A decimal's value, or <c>null</c>.</summary>
    public static decimal? Decimal(FhirDecimal? element) => element?.JsonValue switch
    {
        decimal value => value,
        string text when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>
    /// A resource's id; <c>null</c> when it has none or one that does not follow FHIR R4 (<c>"id": 5</c>, which
    /// Firely keeps but refuses to hand out).
    /// </summary>
    public static string? Id(Resource? resource)
    {
        try
        {
            return resource?.Id;
        }
        catch (Hl7.Fhir.Validation.CodedValidationException)
        {
            return null;
        }
    }

    /// <summary>A boolean's value, or <c>null</c> when absent or not a JSON boolean (text such as <c>"x"</c> or <c>"true"</c>).</summary>
    public static bool? Flag(FhirBoolean? element) => element?.JsonValue as bool?;

    /// <summary>Whether a boolean element is present with a value that is not a JSON boolean.</summary>
    public static bool Unreadable(FhirBoolean? element) => element?.JsonValue is { } value && value is not bool;

    /// <summary>A quantity's value as a finite double, or <c>null</c>.</summary>
    public static double? Number(Quantity? quantity) => Decimal(quantity?.ValueElement) is { } value ? (double)value : null;

    /// <summary>A quantity's comparator as written (<c>&lt;</c>, <c>&gt;=</c>...), or <c>null</c>.</summary>
    public static string? Comparator(Quantity? quantity) => Text(quantity?.ComparatorElement);

    /// <summary>The codings of a concept (never null; null entries skipped).</summary>
    public static IEnumerable<FhirCoding> Codings(CodeableConcept? concept) =>
        (concept?.Coding ?? []).Where(c => c is not null).Select(c => new FhirCoding(Text(c.SystemElement), Text(c.CodeElement), Text(c.DisplayElement)));

    /// <summary>The concept's text and its codings' displays, for text matching.</summary>
    public static IEnumerable<string> Texts(CodeableConcept? concept)
    {
        if (Text(concept?.TextElement) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
        {
            yield return text;
        }

        foreach (var coding in Codings(concept))
        {
            if (!string.IsNullOrWhiteSpace(coding.Display))
            {
                yield return coding.Display;
            }
        }
    }

    /// <summary>The concepts of a list, null entries skipped.</summary>
    public static IEnumerable<CodeableConcept> Concepts(IEnumerable<CodeableConcept>? concepts) => (concepts ?? []).Where(c => c is not null);

    /// <summary>When a dateTime, instant or Period says something happened (a period's end, else its start).</summary>
    public static ClinicalDate? When(DataType? value) => value switch
    {
        FhirDateTime dateTime => ClinicalDate.Parse(Text(dateTime)),
        Instant instant => ClinicalDate.Parse(Text(instant)),
        Date date => ClinicalDate.Parse(Text(date)),
        Period period => ClinicalDate.Parse(Text(period.EndElement)) ?? ClinicalDate.Parse(Text(period.StartElement)),
        _ => null,
    };

    /// <summary>The reference string of a Reference, or <c>null</c>.</summary>
    public static string? Reference(ResourceReference? reference) => Text(reference?.ReferenceElement);

    /// <summary>
    /// Whether a reference points to another patient than <paramref name="patientId"/>. A reference that is
    /// absent, contained or not to a Patient is not a mismatch.
    /// </summary>
    public static bool PointsToOtherPatient(ResourceReference? subject, string patientId)
    {
        if (Reference(subject) is not { Length: > 0 } reference)
        {
            return false;
        }

        var marker = reference.LastIndexOf("Patient/", StringComparison.Ordinal);
        if (marker < 0)
        {
            return false;
        }

        var id = reference[(marker + "Patient/".Length)..];
        var history = id.IndexOf('/', StringComparison.Ordinal);
        return !string.Equals(history >= 0 ? id[..history] : id, patientId, StringComparison.Ordinal);
    }

    /// <summary>Whether an OperationOutcome has an error or fatal issue.</summary>
    public static bool HasError(OperationOutcome outcome) =>
        (outcome.Issue ?? []).Any(issue => issue is not null && Text(issue.SeverityElement) is "error" or "fatal");
}
