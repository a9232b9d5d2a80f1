using System.Text.Json;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Statin orders as EHRs code them: RxNorm codes of every term type through the shipped ingredient closure
/// (no display needed), ATC under WHO and national system URIs, combination brands by name, medicationReference
/// resolved from the Bundle, and intents or statuses that do not show the patient is taking it.
/// </summary>
public sealed class StatinCodeKindsTests
{
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    [Theory]
    [InlineData(RxNorm, "36567", "simvastatin")]     // IN
    [InlineData(RxNorm, "198211", "simvastatin")]    // SCD simvastatin 40 MG Oral Tablet (eCQM moderate intensity)
    [InlineData(RxNorm, "617310", "atorvastatin")]   // SCD atorvastatin 20 MG Oral Tablet
    [InlineData(RxNorm, "904483", "pravastatin")]    // SBD Pravastatin Sodium 80 MG Oral Tablet [Pravachol]
    [InlineData(RxNorm, "904474", "pravastatin")]    // SCDC Pravastatin Sodium 40 MG
    [InlineData(RxNorm, "904476", "pravastatin")]    // SBDC Pravastatin Sodium 40 MG [Pravachol]
    [InlineData(RxNorm, "999946", "simvastatin")]    // SBD niacin / simvastatin [Simcor]
    [InlineData(RxNorm, "1245440", "simvastatin")]   // SBDG Vytorin Pill
    [InlineData(RxNorm, "404011", "atorvastatin")]   // SCD amlodipine 5 MG / atorvastatin 80 MG Oral Tablet
    [InlineData(RxNorm, "2535745", "rosuvastatin")]  // SCD ezetimibe 10 MG / rosuvastatin 20 MG Oral Tablet
    [InlineData(RxNorm, "153165", "atorvastatin")]   // BN Lipitor
    [InlineData(RxNorm, "404914", "atorvastatin")]   // BN Caduet (amlodipine / atorvastatin): the statin only
    [InlineData(RxNorm, "1372754", "simvastatin")]   // BN Juvisync (simvastatin / sitagliptin)
    [InlineData(RxNorm, "1422087", "atorvastatin")]  // BN Liptruzet (atorvastatin / ezetimibe)
    [InlineData(RxNorm, "2001255", "pitavastatin")]  // BN Zypitamag
    [InlineData(RxNorm, "904668", "pravastatin")]    // GPCK {30 (aspirin 81 MG Oral Tablet) / 30 (pravastatin sodium 40 MG Oral Tablet) } Pack
    [InlineData(RxNorm, "404775", "pravastatin")]    // MIN Aspirin / Pravastatin
    [InlineData("urn:oid:2.16.840.1.113883.6.88", "859751", "rosuvastatin")] // the RxNorm OID
    [InlineData("http://www.whocc.no/atc", "C10AA05", "atorvastatin")]
    [InlineData("http://fhir.de/CodeSystem/bfarm/atc", "C10AA07", "rosuvastatin")]
    [InlineData("http://fhir.de/CodeSystem/dimdi/atc", "C10AA01", "simvastatin")]
    public void Match_CodeWithoutDisplay_IsAStatinWithItsIngredient(string system, string code, string ingredient)
    {
        var match = CdsFixtures.Codes.Statins.Match(FhirTestData.Concept($$"""{ "coding": [ { "system": "{{system}}", "code": "{{code}}" } ] }"""));

        match.Should().NotBeNull();
        match!.Ingredient.Should().Be(ingredient);
    }

    [Theory]
    [InlineData("http://fhir.de/CodeSystem/bfarm/atc", "C10BX03")]
    [InlineData("http://www.whocc.no/atc", "C10BA02")]
    public void Match_AtcCombinationClass_IsAStatin(string system, string code)
    {
        CdsFixtures.Codes.Statins.Match(FhirTestData.Concept($$"""{ "coding": [ { "system": "{{system}}", "code": "{{code}}" } ] }""")).Should().NotBeNull();
    }

    [Theory]
    [InlineData("Simcor 500/20", "simvastatin")]
    [InlineData("ADVICOR 1000-20 tablet", "lovastatin")]
    [InlineData("Juvisync 100 mg/40 mg", "simvastatin")]
    [InlineData("Liptruzet 10/40", "atorvastatin")]
    [InlineData("Roszet 10 mg/20 mg", "rosuvastatin")]
    [InlineData("Vytorin 10/40", "simvastatin")]
    [InlineData("Caduet 5/10", "atorvastatin")]
    public void Match_CombinationBrandInText_IsAStatin(string text, string ingredient)
    {
        CdsFixtures.Codes.Statins.Match(FhirTestData.Concept($$"""{ "text": "{{text}}" }"""))!.Ingredient.Should().Be(ingredient);
    }

    [Theory]
    [InlineData(RxNorm, "310404000")]
    [InlineData(RxNorm, "239241")] // nystatin 1000000 UNT Oral Capsule: "statin" inside a word is not a statin
    [InlineData(RxNorm, "312055")] // Nystatin 100000 UNT/ML Oral Suspension, as ordered in SMART's sample patient smart-765583
    [InlineData(RxNorm, "353099")] // BN Zetia (ezetimibe)
    [InlineData(RxNorm, "220456")] // BN Tricor (fenofibrate)
    [InlineData(RxNorm, "763171")] // BPCK Niaspan Starter Pack (niacin)
    public void Match_OtherCodes_AreNotStatins(string system, string code)
    {
        CdsFixtures.Codes.Statins.Match(FhirTestData.Concept($$"""{ "coding": [ { "system": "{{system}}", "code": "{{code}}" } ] }""")).Should().BeNull();
    }

    [Fact]
    public void Match_SitePackCode_IsReadFromProductsLikeTheClosure()
    {
        var codes = new CodeBook(CodeListLoader.Load(null, new CdsCodeLists
        {
            Statins = new StatinCodeLists { Products = [new StatinProduct { Code = "1000001", Tty = "BPCK", Ingredients = ["atorvastatin"] }] },
        }));

        codes.Statins.Match(FhirTestData.Concept($$"""{ "coding": [ { "system": "{{RxNorm}}", "code": "1000001" } ] }"""))!.Ingredient.Should().Be("atorvastatin");
    }

    [Fact]
    public void ClosureFile_SaysWhereItCameFromAndWhen()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "CdsHooks", "statin-rxnorm-closure.json"));

        text.Should().Contain("\"source\": \"Built from published RxNorm names and curated RxNorm extracts").And.Contain("\"generated\": \"2026-12-02\"")
            .And.Contain("build-statin-closure.py").And.Contain("ssmithm/rxnorm-drug-lists").And.Contain("No BPCK");
    }

    [Fact]
    public void ClosureFile_GivesCombinationBrandsAndPacksOnlyTheirStatinIngredients()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "CdsHooks", "statin-rxnorm-closure.json")));
        string[] statins = ["atorvastatin", "cerivastatin", "fluvastatin", "lovastatin", "pitavastatin", "pravastatin", "rosuvastatin", "simvastatin"];
        var concepts = document.RootElement.GetProperty("concepts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => (Tty: c.GetProperty("tty").GetString(), Ingredients: c.GetProperty("ingredients").EnumerateArray().Select(i => i.GetString()!).ToList()));

        concepts.Values.SelectMany(c => c.Ingredients).Should().OnlyContain(i => statins.Contains(i));
        concepts["404914"].Tty.Should().Be("BN");
        concepts["404914"].Ingredients.Should().Equal(["atorvastatin"], "Caduet also holds amlodipine, which is not a statin");
        concepts["904668"].Tty.Should().Be("GPCK");
        concepts["904668"].Ingredients.Should().Equal(["pravastatin"], "the pack's aspirin is not a statin");
        concepts.Values.Count(c => c.Tty == "BN").Should().BeGreaterThan(40);
        concepts.Should().NotContainKey("353099");
    }

    [Theory]
    [InlineData("active", "order", StatinExposure.Current)]
    [InlineData("active", "proposal", StatinExposure.Unknown)]
    [InlineData("active", "plan", StatinExposure.Unknown)]
    [InlineData("completed", "order", StatinExposure.Past)]
    [InlineData("unknown", "order", StatinExposure.Unknown)]
    public void Map_MedicationRequestIntentAndStatus_GiveTheExposure(string status, string intent, StatinExposure exposure)
    {
        var mapped = FhirMapping.Map($$"""
            { "resourceType": "MedicationRequest", "id": "mr-1", "status": "{{status}}", "intent": "{{intent}}",
              "medicationCodeableConcept": { "coding": [ { "system": "{{RxNorm}}", "code": "617310" } ] },
              "subject": { "reference": "Patient/pt-1" }, "authoredOn": "2025-01-10" }
            """);

        mapped.Sections.Statin!.Exposure.Should().Be(exposure);
    }

    [Theory]
    [InlineData("active", StatinExposure.Current)]
    [InlineData("unknown", StatinExposure.Unknown)]
    [InlineData("intended", StatinExposure.Unknown)]
    [InlineData("stopped", StatinExposure.Past)]
    public void Map_MedicationStatementStatus_GivesTheExposure(string status, StatinExposure exposure)
    {
        var mapped = FhirMapping.Map($$"""
            { "resourceType": "MedicationStatement", "id": "ms-1", "status": "{{status}}",
              "medicationCodeableConcept": { "coding": [ { "system": "{{RxNorm}}", "code": "859751" } ] },
              "subject": { "reference": "Patient/pt-1" }, "effectiveDateTime": "2025-01-10" }
            """);

        mapped.Sections.Statin!.Exposure.Should().Be(exposure);
    }

    [Theory]
    [InlineData("Medication/med-1")]
    [InlineData("https://ehr.example.org/fhir/Medication/med-1")]
    [InlineData("urn:uuid:00000000-0000-4000-8000-000000000001")]
    public void Map_MedicationReferenceToAnIncludedMedication_IsResolved(string reference)
    {
        var mapped = FhirMapping.Map(
            $$"""
            { "resourceType": "MedicationRequest", "id": "mr-1", "status": "active", "intent": "order",
              "medicationReference": { "reference": "{{reference}}" }, "subject": { "reference": "Patient/pt-1" } }
            """,
            $$"""{ "resourceType": "Medication", "id": "med-1", "code": { "coding": [ { "system": "{{RxNorm}}", "code": "904483" } ] } }""");

        mapped.Sections.Statin.Should().BeEquivalentTo(new StatinFindings { Exposure = StatinExposure.Current, Drug = "pravastatin" });
    }

    [Fact]
    public void Map_MedicationReferenceThatCannotBeResolved_IsReported()
    {
        var mapped = FhirMapping.Map("""
            { "resourceType": "MedicationRequest", "id": "mr-1", "status": "active", "intent": "order",
              "medicationReference": { "reference": "Medication/not-sent" }, "subject": { "reference": "Patient/pt-1" } }
            """);

        mapped.Sections.Statin.Should().BeNull();
        mapped.Notes.Should().Contain("1 medication record(s) refer to a Medication that was neither sent nor could be fetched, so they could not be checked for a statin.");
    }
}
