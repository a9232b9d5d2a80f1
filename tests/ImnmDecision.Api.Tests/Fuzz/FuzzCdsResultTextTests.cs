using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Antibody results written as text, as labs send them in <c>valueString</c> (CDS fuzz round 6): a text is read
/// only when it says one result and nothing negates it. "No antibodies detected" or "Not positive" is not a
/// positive result, and a text naming two results ("Positive, see note: negative control valid") is neither:
/// both stay unknown and are reported, never guessed.
/// </summary>
public sealed class FuzzCdsResultTextTests
{
    [Theory]
    [InlineData("No antibodies detected")]
    [InlineData("No anti-HMGCR antibody detected")]
    [InlineData("Not positive")]
    [InlineData("Not negative")]
    [InlineData("Positive, see note: negative control valid")]
    [InlineData("Negative (previously positive)")]
    [InlineData("Not equivocal")]
    [InlineData("nicht positiv")]
    [InlineData("Kein Anti-HMGCR-Antikörper nachweisbar")]
    [InlineData("pas positif")]
    [InlineData("positiv (Kontrolle negativ)")]
    public void ResultTextThatNegatesOrNamesTwoResults_IsNotRead(string text)
    {
        var mapped = FhirMapping.Map(FhirMapping.Antibody("ab-1", "93493-5", "2024-03-02", $$""" "valueString": "{{text}}" """));

        mapped.Sections.Antibodies?.Hmgcr.Should().BeNull(text);
        mapped.Notes.Should().Contain(n => n.StartsWith("An Anti-HMGCR result (2024-03-02) does not say positive or negative", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Positive", AntibodyResult.Positive)]
    [InlineData("POS", AntibodyResult.Positive)]
    [InlineData("Detected", AntibodyResult.Positive)]
    [InlineData("weak positive", AntibodyResult.Positive)]
    [InlineData("Not detected", AntibodyResult.Negative)]
    [InlineData("Not Detected", AntibodyResult.Negative)]
    [InlineData("None detected", AntibodyResult.Negative)]
    [InlineData("Non-reactive", AntibodyResult.Negative)]
    [InlineData("neg.", AntibodyResult.Negative)]
    [InlineData("Borderline", AntibodyResult.Equivocal)]
    [InlineData("Borderline positive", AntibodyResult.Equivocal)]
    [InlineData("positiv", AntibodyResult.Positive)]
    [InlineData("Positiv", AntibodyResult.Positive)]
    [InlineData("nachweisbar", AntibodyResult.Positive)]
    [InlineData("negativ", AntibodyResult.Negative)]
    [InlineData("nicht nachweisbar", AntibodyResult.Negative)]
    [InlineData("kein Nachweis", AntibodyResult.Negative)]
    [InlineData("grenzwertig", AntibodyResult.Equivocal)]
    [InlineData("grenzwertig positiv", AntibodyResult.Equivocal)]
    [InlineData("fraglich positiv", AntibodyResult.Equivocal)]
    [InlineData("Négatif", AntibodyResult.Negative)]
    [InlineData("positif", AntibodyResult.Positive)]
    [InlineData("negatief", AntibodyResult.Negative)]
    [InlineData("positivo", AntibodyResult.Positive)]
    [InlineData("Negativo", AntibodyResult.Negative)]
    public void ResultTextSayingOneResult_IsRead(string text, AntibodyResult expected)
    {
        var mapped = FhirMapping.Map(FhirMapping.Antibody("ab-1", "93493-5", "2024-03-02", $$""" "valueString": "{{text}}" """));

        mapped.Sections.Antibodies!.Hmgcr.Should().Be(expected, text);
    }

    [Fact]
    public void InterpretationTextThatNegates_IsNotReadAndTheValueDecides()
    {
        var mapped = FhirMapping.Map(FhirMapping.Antibody("ab-1", "93493-5", "2024-03-02", """
            "interpretation": [ { "text": "no antibody detected" } ],
            "valueQuantity": { "value": 4, "unit": "CU" }, "referenceRange": [ { "high": { "value": 19, "unit": "CU" } } ]
            """));

        mapped.Sections.Antibodies!.Hmgcr.Should().Be(AntibodyResult.Negative, "the interpretation text is not read as 'detected'; the quantity against the limit decides");
    }
}
