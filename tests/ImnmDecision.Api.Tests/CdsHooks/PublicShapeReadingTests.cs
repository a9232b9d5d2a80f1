using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Shapes of the FHIR R4 specification's, US Core's, the IPS's and the MII test data's own examples (sources in
/// Fixtures/README.md) that were misread or misreported: sex only in US Core's individual-sex extension; a statin
/// only among a Medication's coded ingredients, or only in the dosage text of an order whose Medication cannot be
/// had; a CK flagged by the lab without its range, which the default limit contradicted; an undated CK ("on
/// undated"), a range given only as text or a lower limit, a result with a data-absent reason; a statement's period
/// shown as one date; and a weight measured in childhood used for an adult's doses.
/// </summary>
public sealed class PublicShapeReadingTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string IndividualSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-individual-sex";

    [Fact]
    public async Task Map_UsCorePatientExample_ReadsSexFromTheIndividualSexExtension()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-uscore-example-individual-sex.json"));

        var mapped = RecordHooks.Map(RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates()), server.Record.PatientId);

        mapped.Sections.Patient!.Sex.Should().Be(Sex.Female, "the extension records SNOMED CT 248152002 Female");
        mapped.Evidence.Should().Contain(e => e.StartsWith("Patient: age ", StringComparison.Ordinal)
            && e.EndsWith(", sex female (from the us-core-individual-sex extension; no gender recorded).", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "url": "IND", "valueCoding": { "system": "http://snomed.info/sct", "code": "248153007", "display": "Male (finding)" } }""", "\"gender\": \"unknown\",", Sex.Male)]
    [InlineData("""{ "url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex", "valueCode": "248152002" }""", "", Sex.Female)]
    [InlineData("""{ "url": "IND", "valueCoding": { "system": "http://snomed.info/sct", "code": "248152002" } }""", "\"gender\": \"male\",", Sex.Male)]
    [InlineData("""{ "url": "IND", "valueCoding": { "system": "http://snomed.info/sct", "code": "32570681000036106", "display": "Indeterminate sex" } }""", "", null)]
    [InlineData("""{ "url": "http://example.org/other-extension", "valueCoding": { "system": "http://snomed.info/sct", "code": "248152002" } }""", "", null)]
    public void Map_SexExtension_UsedOnlyWithoutAGenderAndOnlyForAConfiguredCode(string extension, string gender, Sex? expected)
    {
        var patient = $$"""{ "resourceType": "Patient", "id": "pt-1", {{gender}} "birthDate": "1960-01-01", "extension": [ {{extension.Replace("\"IND\"", $"\"{IndividualSex}\"", StringComparison.Ordinal)}} ] }""";

        var mapped = FhirMapping.Map(patient, FhirMapping.Ck("ck-1", "900", "U/L", "2024-03-02"));

        mapped.Sections.Patient!.Sex.Should().Be(expected is null && gender.Contains("unknown", StringComparison.Ordinal) ? Sex.Unknown : expected);
    }

    [Fact]
    public void Map_MedicationWithOnlyCodedIngredients_StatinIngredientIsExposure()
    {
        // The specification's medrx0322 shape (a contained Medication with a form and ingredients, no code), with the
        // IPS example's simvastatin ingredient (RxNorm 36567) and no statin name anywhere else.
        const string statement = """
            {
              "resourceType": "MedicationStatement", "id": "ms-1", "status": "active",
              "contained": [ {
                "resourceType": "Medication", "id": "med0317",
                "form": { "coding": [ { "system": "http://snomed.info/sct", "code": "385055001", "display": "Tablet" } ] },
                "ingredient": [
                  { "itemCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "36567" } ] } },
                  { "itemCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "1191" } ] } }
                ]
              } ],
              "medicationReference": { "reference": "#med0317" },
              "subject": { "reference": "Patient/pt-1" },
              "effectiveDateTime": "2024-01-10"
            }
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), statement);

        mapped.Sections.Statin.Should().BeEquivalentTo(new StatinFindings { Exposure = StatinExposure.Current, Drug = "simvastatin" });
        mapped.Evidence.Should().Contain("Statin: simvastatin (active MedicationStatement, 2024-01-10): exposure current.");
    }

    [Fact]
    public async Task OrderSelect_DraftWhoseContainedMedicationHasOnlyAStatinIngredient_Warns()
    {
        var call = CdsFixtures.Node("order-select-statin-hmgcr-positive.json");
        var draft = call["context"]!["draftOrders"]!["entry"]![0]!["resource"]!.AsObject();
        draft.Remove("medicationCodeableConcept");
        draft["contained"] = System.Text.Json.Nodes.JsonNode.Parse("""
            [ { "resourceType": "Medication", "id": "med0317",
                "form": { "coding": [ { "system": "http://snomed.info/sct", "code": "385055001", "display": "Tablet" } ] },
                "ingredient": [ { "itemCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "83367" } ] } } ] } ]
            """);
        draft["medicationReference"] = new System.Text.Json.Nodes.JsonObject { ["reference"] = "#med0317" };
        using var client = factory.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-statin-order", call.ToJsonString())).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["summary"]!.GetValue<string>().Should().Be("Statin ordered, but anti-HMGCR antibody positive (2024-03-05): review before signing");
        card["detail"]!.GetValue<string>().Should().StartWith("**Atorvastatin is being ordered**");
    }

    [Fact]
    public async Task PatientView_MiiCkFlaggedHighWithoutARange_IsNotCalledNormalByTheDefaultLimit()
    {
        // MII test patient 8: CK 85 U/L, interpretation H, no reference range; the male default (300 U/L) would call it
        // normal and the card would read "IMNM not supported by the findings" against the lab's own flag.
        var detail = await PatientViewDetailAsync("real-mii-pat8-atorvastatin-ck-flag-only.json");

        detail.Should().Contain("- A CK result (2023-11-12, 85 U/L) is flagged high by the lab (interpretation H) but carries no upper limit of normal, "
            + "and the ruleset's default (300 U/L) would call it normal: it was not used, since the lab's reference range is needed to tell.");
        detail.Should().NotContain("CK raised: no").And.NotContain("IMNM not supported by the findings");
        detail.Should().Contain("- Statin: atorvastatin (active MedicationRequest, 2023-11-12): exposure current.");
        detail.Should().Contain("- Statin: atorvastatin (completed MedicationStatement, 2023-11-12 to 2023-11-15): exposure past.", "a statement's period is shown as a period, not as its end date alone");
    }

    [Fact]
    public async Task PatientView_IpsStatementWithAStartYearOnly_ShowsFromThatYear()
    {
        var detail = await PatientViewDetailAsync("real-ips-eumfh-39-07-simvastatin.json");

        detail.Should().Contain("- Statin: simvastatin (active MedicationStatement, from 2014): exposure current.");
        detail.Should().Contain("- Patient: age ").And.Contain("(birth date recorded as 1957, so ");
    }

    [Theory]
    [InlineData("12000", "male", "CK 12,000 U/L on 2024-03-02; no upper limit of normal in the result, flagged H by the lab (most recent).")]
    [InlineData("250", null, "CK 250 U/L on 2024-03-02; no upper limit of normal in the result, flagged H by the lab (most recent).")]
    public void Map_CkFlaggedHighWithoutARange_IsUsedWhenTheDefaultDoesNotSayOtherwise(string value, string? gender, string line)
    {
        var ck = FhirMapping.Ck("ck-1", value, "U/L", "2024-03-02").Replace("\"referenceRange\": []",
            "\"referenceRange\": [], \"interpretation\": [ { \"coding\": [ { \"system\": \"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation\", \"code\": \"H\" } ] } ]",
            StringComparison.Ordinal);
        var patient = gender is null ? """{ "resourceType": "Patient", "id": "pt-1", "birthDate": "1960-01-01" }""" : FhirMapping.Patient(gender);

        var mapped = FhirMapping.Map(new CkDefaultLimits(200, 300), patient, ck);

        mapped.Sections.Ck.Should().NotBeNull("the default agrees with the lab (12,000 U/L), or cannot decide without the sex (250 U/L)");
        mapped.Evidence.Should().Contain(line);
    }

    [Fact]
    public async Task PatientView_UsCoreAdultWithOnlyAChildhoodWeight_DoesNotSizeDosesWithIt()
    {
        // US Core's Patient example (born 1987-02-20) and its weight example: 20.1 kg on 1999-07-02, at age 12.
        var detail = await PatientViewDetailAsync("real-uscore-example-individual-sex.json");

        detail.Should().Contain("- A weight (1999-07-02) was measured at age 12 or younger, as a child, and is not used for the doses of an adult: weigh the patient.");
        detail.Should().NotContain("Weight 20.1 kg");
    }

    [Fact]
    public async Task PatientView_SpecExampleWeightInPounds_IsAnAdultWeightInKilograms()
    {
        // The FHIR R4 example Observation "example": 185 [lb_av] on 2016-03-28 for Patient/example, born 1974-12-25.
        var detail = await PatientViewDetailAsync("real-r4spec-example-weight-lb.json");

        detail.Should().Contain("- Weight 83.9 kg on 2016-03-28.");
    }

    [Fact]
    public void Map_CkFlaggedNormalWithoutARangeThatTheDefaultCallsRaised_IsNotUsed()
    {
        var ck = FhirMapping.Ck("ck-1", "450", "U/L", "2024-03-02").Replace("\"referenceRange\": []",
            "\"referenceRange\": [], \"interpretation\": [ { \"coding\": [ { \"system\": \"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation\", \"code\": \"N\" } ] } ]",
            StringComparison.Ordinal);

        var mapped = FhirMapping.Map(new CkDefaultLimits(200, 300), FhirMapping.Patient("male"), ck);

        mapped.Sections.Ck.Should().BeNull("the lab calls 450 U/L normal for its own range, which the default (300 U/L) would overrule");
        mapped.Notes.Should().Contain("A CK result (2024-03-02, 450 U/L) is flagged normal or low by the lab (interpretation N) but carries no upper limit of normal, "
            + "and the ruleset's default (300 U/L) would call it raised: it was not used, since the lab's reference range is needed to tell.");
        mapped.HasMyositisData.Should().BeFalse("a CK the lab calls normal is no reason for a card");
    }

    [Fact]
    public void Map_CkAndAntibodyWithADataAbsentReason_SayWhyThereIsNoValue()
    {
        // The FHIR R4 example observation-example-bloodpressure-dar's shape: no value, a data-absent-reason code.
        const string absent = """
            "dataAbsentReason": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "not-performed", "display": "Not Performed" } ] }
            """;
        var ck = $$"""
            { "resourceType": "Observation", "id": "ck-1", "status": "final",
              "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6" } ] },
              "subject": { "reference": "Patient/pt-1" }, "effectiveDateTime": "2024-03-02", {{absent}} }
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), ck, FhirMapping.Antibody("hmgcr-1", "93493-5", "2024-03-05", absent));

        mapped.Notes.Should().Contain("A CK result (2024-03-02) has no value (data absent: not-performed) and was not used.");
        mapped.Notes.Should().Contain("An Anti-HMGCR result (2024-03-05) has no value (data absent: not-performed) and was not used.");
    }

    [Theory]
    [InlineData("""[ { "text": "male 39-308 U/L; female 26-192 U/L" } ]""", "CK 900 U/L on 2024-03-02; no upper limit of normal used: the lab's range is given only as text, which is not read (most recent).")]
    [InlineData("""[ { "low": { "value": 20, "unit": "U/L" } } ]""", "CK 900 U/L on 2024-03-02; no upper limit of normal in the result (the lab's range gives only a lower limit) (most recent).")]
    public void Map_CkRangeWithoutANumericUpperLimit_SaysWhatTheLabGave(string ranges, string line)
    {
        // The FHIR R4 examples give ranges as text only (observation-example-f004-erythrocyte) or with a low limit only
        // (observation-example-glasgow).
        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), FhirMapping.Ck("ck-1", "900", "U/L", "2024-03-02", ranges: ranges));

        mapped.Evidence.Should().Contain(line);
        mapped.Sections.Ck!.UpperLimitOfNormal.Should().BeNull();
    }

    [Fact]
    public void Map_MiiStatinOrderWhoseMedicationIsNotAvailable_IsReadFromItsDosageText()
    {
        // The MII test data's atorvastatin order as published; its Medication (Medication/mii-exa-test-data-medication-
        // atorvastatin) is neither sent nor fetchable here, but the dosage text names the drug.
        var order = MiiResource("MedicationRequest", "mii-exa-test-data-patient-8-medrequest-3").Replace("Patient/mii-exa-test-data-patient-8", "Patient/pt-1", StringComparison.Ordinal);
        var heparin = MiiResource("MedicationRequest", "mii-exa-test-data-patient-8-medrequest-1").Replace("Patient/mii-exa-test-data-patient-8", "Patient/pt-1", StringComparison.Ordinal);

        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), order, heparin);

        mapped.Sections.Statin.Should().BeEquivalentTo(new StatinFindings { Exposure = StatinExposure.Current, Drug = "atorvastatin" });
        mapped.Evidence.Should().Contain("Statin: atorvastatin (active MedicationRequest, its Medication not available, the statin named in the dosage text, 2023-11-12): exposure current.");
        mapped.Notes.Should().Contain("1 medication record(s) refer to a Medication that was neither sent nor could be fetched, so they could not be checked for a statin.", "the heparin order names no statin anywhere");
    }

    private static string MiiResource(string type, string id) =>
        RecordSearch.Load("real-mii-pat8-atorvastatin-ck-flag-only.json").Resources
            .Single(r => r["resourceType"]!.GetValue<string>() == type && r["id"]!.GetValue<string>() == id).ToJsonString();

    [Theory]
    [InlineData("LA6576-8", AntibodyResult.Positive)]
    [InlineData("LA11883-8", AntibodyResult.Negative)]
    [InlineData("LA11885-3", AntibodyResult.Equivocal)]
    public void Map_AntibodyCodedAsALoincAnswerWithoutADisplay_IsRead(string answer, AntibodyResult expected)
    {
        // The MII test data code qualitative results as LOINC answers, in a pathology example without a display.
        var hmgcr = FhirMapping.Antibody("hmgcr-1", "93493-5", "2024-03-05", $$"""
            "valueCodeableConcept": { "coding": [ { "system": "http://loinc.org", "code": "{{answer}}" } ] }
            """);

        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), hmgcr);

        mapped.Hmgcr!.Result.Should().Be(expected);
    }

    [Fact]
    public async Task PatientView_MiiUndatedCk_SaysUndatedNotOnUndated()
    {
        var detail = await PatientViewDetailAsync("real-mii-seltene1-undated-ck.json");

        detail.Should().Contain("- CK 450 U/L (undated); no upper limit of normal in the result (most recent).");
        detail.Should().NotContain("on undated");
    }

    private async Task<string> PatientViewDetailAsync(string fixture)
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load(fixture));
        using var host = factory.With(server.Settings(3000));
        using var client = host.CreateClient();
        var cards = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates())))).CardsAsync();
        return cards.Should().ContainSingle().Subject!["detail"]!.GetValue<string>();
    }
}
