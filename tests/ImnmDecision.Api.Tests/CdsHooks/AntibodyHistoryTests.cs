using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Antibody histories as records hold them: a positive is never hidden by a later negative, contradictions
/// between interpretation and value are reported, and interpretation text, abbreviations and numbers written
/// as text are read.
/// </summary>
public sealed class AntibodyHistoryTests
{
    private const string Hmgcr = "93493-5";
    private const string Srp = "33921-8";
    private const string Pos = """ "interpretation": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "POS" } ] } ] """;
    private const string Neg = """ "interpretation": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "NEG" } ] } ] """;

    [Theory]
    [InlineData(Hmgcr)]
    [InlineData(Srp)]
    public void Map_PositiveThenLaterNegative_IsEquivocalWithBothDates(string loinc)
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Antibody("ab-2", loinc, "2025-04-10", Neg),
            FhirMapping.Antibody("ab-1", loinc, "2023-11-02", Pos));

        var result = loinc == Hmgcr ? mapped.Sections.Antibodies!.Hmgcr : mapped.Sections.Antibodies!.Srp;
        result.Should().Be(AntibodyResult.Equivocal);
        mapped.Evidence.Should().Contain(e => e.Contains("positive on 2023-11-02", StringComparison.Ordinal)
            && e.Contains("negative on 2025-04-10", StringComparison.Ordinal) && e.Contains("equivocal", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_PositiveThenLaterNegativeHmgcr_StillCountsAsPositiveInTheRecordForStatinOrders()
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Antibody("ab-2", Hmgcr, "2025-04-10", Neg),
            FhirMapping.Antibody("ab-1", Hmgcr, "2023-11-02", Pos));

        mapped.Hmgcr!.PositiveInRecord.Should().BeTrue();
        mapped.Hmgcr.EarlierPositive!.When!.Value.Display.Should().Be("2023-11-02");
    }

    [Fact]
    public void Map_NegativeThenLaterPositive_IsPositive()
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Antibody("ab-2", Hmgcr, "2025-04-10", Pos),
            FhirMapping.Antibody("ab-1", Hmgcr, "2023-11-02", Neg));

        mapped.Sections.Antibodies!.Hmgcr.Should().Be(AntibodyResult.Positive);
        mapped.Evidence.Should().Contain(e => e.Contains("1 earlier result(s) in the record (negative on 2023-11-02)", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_InterpretationContradictsValue_UsesTheInterpretationAndSaysSo()
    {
        var result = Neg + """, "valueCodeableConcept": { "coding": [ { "system": "http://snomed.info/sct", "code": "10828004", "display": "Positive" } ] } """;

        var mapped = FhirMapping.Map(FhirMapping.Antibody("ab-1", Hmgcr, "2025-04-10", result));

        mapped.Sections.Antibodies!.Hmgcr.Should().Be(AntibodyResult.Negative);
        mapped.Notes.Should().Contain(n => n.Contains("says negative but the value (coded result) reads positive", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(""" "interpretation": [ { "text": "Negative" } ] """, AntibodyResult.Negative)]
    [InlineData(""" "interpretation": [ { "coding": [ { "system": "http://example.org/lab-flags", "code": "X1", "display": "Positive" } ] } ] """, AntibodyResult.Positive)]
    [InlineData(""" "valueString": "NEG" """, AntibodyResult.Negative)]
    [InlineData(""" "valueString": "POS" """, AntibodyResult.Positive)]
    [InlineData(""" "valueString": "<20 CU", "referenceRange": [ { "text": "<20 CU" } ] """, AntibodyResult.Negative)]
    [InlineData(""" "valueString": "86 CU", "referenceRange": [ { "text": "<20 CU" } ] """, AntibodyResult.Positive)]
    [InlineData(""" "valueString": "20 CU", "referenceRange": [ { "text": "<20 CU" } ] """, AntibodyResult.Positive)]
    [InlineData(""" "valueString": "19", "referenceRange": [ { "text": "0-19" } ] """, AntibodyResult.Negative)]
    [InlineData(""" "valueQuantity": { "value": 3, "comparator": "<", "unit": "CU" }, "referenceRange": [ { "text": "<20 CU" } ] """, AntibodyResult.Negative)]
    public void Map_ResultForms_AreRead(string result, AntibodyResult expected)
    {
        var mapped = FhirMapping.Map(FhirMapping.Antibody("ab-1", Hmgcr, "2025-04-10", result));

        mapped.Sections.Antibodies!.Hmgcr.Should().Be(expected);
    }

    [Theory]
    [InlineData(""" "valueString": "<20 CU", "referenceRange": [ { "text": "<20 U/mL" } ] """)]
    [InlineData(""" "valueString": "about 20", "referenceRange": [ { "text": "<20" } ] """)]
    [InlineData(""" "valueString": "25 CU" """)]
    public void Map_NumbersThatCannotBeComparedUnambiguously_AreNotRead(string result)
    {
        var mapped = FhirMapping.Map(FhirMapping.Antibody("ab-1", Hmgcr, "2025-04-10", result));

        mapped.Sections.Antibodies.Should().BeNull();
    }

    [Theory]
    [InlineData("53011-3", "srp")]
    [InlineData("33571-1", "jo1")]
    public void Map_AlternativeLoincCodes_AreRecognised(string loinc, string antibody)
    {
        var mapped = FhirMapping.Map(FhirMapping.Antibody("ab-1", loinc, "2025-04-10", Pos));

        if (antibody == "srp")
        {
            mapped.Sections.Antibodies!.Srp.Should().Be(AntibodyResult.Positive);
        }
        else
        {
            mapped.Sections.Antibodies!.OtherMyositisSpecific.Should().Contain(MyositisAntibody.Jo1);
        }
    }
}
