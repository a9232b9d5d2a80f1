namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>FHIR R4 CodeableConcept.</summary>
internal sealed record FhirCodeableConcept
{
    public IReadOnlyList<FhirCoding>? Coding { get; init; }

    public string? Text { get; init; }

    /// <summary>The codings, never null.</summary>
    public IEnumerable<FhirCoding> Codings => Coding ?? [];

    /// <summary>The concept's text and the displays of its codings, for text matching.</summary>
    public IEnumerable<string> Texts()
    {
        if (!string.IsNullOrWhiteSpace(Text))
        {
            yield return Text;
        }

        foreach (var coding in Codings)
        {
            if (!string.IsNullOrWhiteSpace(coding.Display))
            {
                yield return coding.Display;
            }
        }
    }
}
