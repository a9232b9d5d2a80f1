using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>Statins recognised by RxNorm, ATC (single and combination classes), local codes and names in text.</summary>
public sealed class StatinMatcherTests
{
    [Theory]
    [InlineData("""{ "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "83367" } ] }""", "atorvastatin")]
    [InlineData("""{ "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "301542" } ] }""", "rosuvastatin")]
    [InlineData("""{ "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "617310", "display": "atorvastatin 20 MG Oral Tablet" } ] }""", "atorvastatin")]
    [InlineData("""{ "coding": [ { "system": "http://www.whocc.no/atc", "code": "C10AA01" } ] }""", "simvastatin")]
    [InlineData("""{ "coding": [ { "system": "http://www.whocc.no/atc", "code": "C10BA02", "display": "simvastatin and ezetimibe" } ] }""", "simvastatin")]
    [InlineData("""{ "text": "CRESTOR 10mg tablets" }""", "rosuvastatin")]
    [InlineData("""{ "text": "Pitavastatin 2 mg" }""", "pitavastatin")]
    [InlineData("""{ "text": "Atorvastatine 20 mg comprimé" }""", "atorvastatin")]
    [InlineData("""{ "text": "Simvastatina 40 mg compresse" }""", "simvastatin")]
    [InlineData("""{ "text": "SORTIS 40 mg Filmtabletten" }""", "atorvastatin")]
    [InlineData("""{ "text": "Pravasin protect 20 mg" }""", "pravastatin")]
    public void Match_StatinConcepts_NameTheIngredient(string concept, string ingredient)
    {
        var match = CdsFixtures.Codes.Statins.Match(Concept(concept));

        match.Should().NotBeNull();
        match!.Ingredient.Should().Be(ingredient);
    }

    [Fact]
    public void Match_AtcCombinationWithoutAName_IsAStatinOfUnknownIngredient()
    {
        var match = CdsFixtures.Codes.Statins.Match(Concept("""{ "coding": [ { "system": "http://www.whocc.no/atc", "code": "C10BX03" } ] }"""));

        match.Should().NotBeNull();
        match!.Ingredient.Should().BeNull();
    }

    [Theory]
    [InlineData("""{ "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "6809", "display": "metformin" } ] }""")]
    [InlineData("""{ "text": "Nystatin oral suspension" }""")]
    [InlineData("""{ "coding": [ { "system": "http://www.whocc.no/atc", "code": "C10AX09", "display": "ezetimibe" } ] }""")]
    [InlineData("""{ "text": "statin intolerance noted" }""")]
    public void Match_OtherMedicines_AreNotStatins(string concept)
    {
        CdsFixtures.Codes.Statins.Match(Concept(concept)).Should().BeNull();
    }

    [Fact]
    public void Match_ReferenceDisplayOnly_IsReadToo()
    {
        CdsFixtures.Codes.Statins.Match(null, "Simvastatin 40 mg tablet")!.Ingredient.Should().Be("simvastatin");
    }

    [Fact]
    public void Match_SitesLocalCode_IsAStatinWithItsIngredient()
    {
        var codes = new CodeBook(CodeListLoader.Load(null, new CdsCodeLists
        {
            Statins = new StatinCodeLists { LocalCodes = [new StatinLocalCode { System = "http://pharmacy.example.org/formulary", Code = "F-9", Ingredient = "Rosuvastatin" }] },
        }));

        var match = codes.Statins.Match(Concept("""{ "coding": [ { "system": "http://pharmacy.example.org/formulary", "code": "F-9" } ] }"""));

        match!.Ingredient.Should().Be("rosuvastatin");
    }

    private static Hl7.Fhir.Model.CodeableConcept Concept(string json) => FhirTestData.Concept(json);
}
