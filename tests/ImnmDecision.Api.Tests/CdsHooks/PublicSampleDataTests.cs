using System.Text.Json;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Public FHIR test records as EHR sandboxes hold them (sources in Fixtures/README.md): SMART's sample patients
/// smart-767980 and smart-2113340 (smart-on-fhir/generated-sample-data, STU-3/SMART/patient-*.fhir-bundle*.json:
/// CK with the lab's range, Vytorin, Crestor and atorvastatin orders, weights coded 3141-9, Conditions and
/// dosages in pre-R4 shapes) and the Synthea
/// patient 010fd829 (R4/SYNTHEA/Chung_Haley_e792af79-5fe0-4ed8-bf91-ad9e0b24603e.json: yearly ALT and AST
/// reported without reference ranges, simvastatin ordered as RxNorm 316672 "Simvistatin 10 MG") and the Synthea
/// patient d39173c2 (R4/SYNTHEA/Adán_Pulido_7694b55e-b670-44a5-b426-c56027e97986.json: deceasedDateTime).
/// </summary>
public sealed class PublicSampleDataTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string SyntheaPatient = "010fd829-1ef3-49c9-98c4-df7561709bc7";

    [Fact]
    public async Task PatientView_SmartSamplePatient_ReadsTheCkWithItsLabRangeAndBothStatinOrders()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("real-smart-767980-patient-view.json"));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var cards = await response.CardsAsync();

        cards.Should().ContainSingle();
        cards.ShouldKeepTheCardRules();
        var detail = cards[0]!["detail"]!.GetValue<string>();
        detail.Should().Contain("- CK 448 U/L on 2008-02-05 [status unknown in the record]; lab upper limit of normal 259 U/L (most recent).");
        detail.Should().Contain("- Statin: simvastatin (active MedicationRequest): exposure current.", "Vytorin (RxNorm 543354) carries simvastatin");
        detail.Should().Contain("- Statin: rosuvastatin (active MedicationRequest): exposure current.", "Crestor (RxNorm 859749)");
        detail.Should().Contain("have elements that do not follow FHIR R4; those elements were left out.", "the record's Conditions and dosages use pre-R4 shapes");
        detail.Should().Contain("(`antibodies.hmgcr`)", "the record has no antibody result, so it is reported missing");
    }

    [Fact]
    public async Task PatientView_SmartSamplePatientWithAWeightMeasured_ReadsTheWeightForDosing()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("real-smart-2113340-patient-view.json"));
        var cards = await response.CardsAsync();

        cards.Should().ContainSingle();
        var detail = cards[0]!["detail"]!.GetValue<string>();
        detail.Should().Contain("- Weight 113.1 kg on 2010-10-24 [status unknown in the record].", "SMART's records code body weight as LOINC 3141-9 (Body weight Measured), with status unknown");
        detail.Should().NotContain("(`patient.weightKg`)");
        detail.Should().Contain("- CK 188 U/L on 2012-09-02 [status unknown in the record]; lab upper limit of normal 160 U/L (most recent).");
        detail.Should().Contain("- Highest CK of the 5 results in the record: 846 U/L on 2012-08-31 [status unknown in the record]; lab upper limit of normal 160 U/L.");
        detail.Should().Contain("- Statin: atorvastatin (active MedicationRequest): exposure current.");
        detail.Should().Contain("- AST on 2012-08-31: not elevated (31 U/L against the lab's upper limit 45 U/L) [status unknown in the record].");
    }

    [Fact]
    public void PrefetchTemplate_Weight_SearchesTheMeasuredBodyWeightCodeToo()
    {
        new PrefetchTemplates(CdsFixtures.Codes).Assessment.Single(k => k.Name == PrefetchTemplates.Weight).Template
            .Should().Contain("http://loinc.org|29463-7,http://loinc.org|3141-9");
    }

    [Fact]
    public void Map_SyntheaLiverLabsWithoutRanges_StayUnknownWithOneNotePerTest()
    {
        var mapped = MapSynthea();

        mapped.Sections.Booleans.Should().NotContainKey("labs.altElevated").And.NotContainKey("labs.astElevated");
        mapped.Notes.Should().Contain("8 ALT results (2013-09-03 to 2020-09-01) have neither a value with an applicable upper limit nor a high or normal interpretation, so whether ALT is elevated is not known.");
        mapped.Notes.Should().Contain("7 AST results (2014-09-03 to 2020-09-01) have neither a value with an applicable upper limit nor a high or normal interpretation, so whether AST is elevated is not known.");
        mapped.Notes.Should().HaveCount(2, "fifteen results without a range make one note per test, not one per result");
    }

    [Fact]
    public void Map_SyntheaSimvastatinOrders_AreCurrentExposureFromTheRxNormCodeDespiteTheMisspeltDisplay()
    {
        var mapped = MapSynthea();

        mapped.Sections.Statin.Should().BeEquivalentTo(new StatinFindings { Exposure = StatinExposure.Current, Drug = "simvastatin" });
        mapped.Evidence.Should().Contain("Statin: simvastatin (active MedicationRequest, 2020-09-01): exposure current.");
        mapped.Evidence.Should().Contain("Statin: simvastatin (stopped MedicationRequest, 2019-09-02): exposure past.");
        mapped.Sections.Patient!.Sex.Should().Be(Sex.Male);
    }

    [Fact]
    public void Map_SyntheaPatientWhoDied_IsAgedAtDeathNotToday()
    {
        var mapped = Map("real-synthea-deceased-patient.json", PrefetchTemplates.Patient, "d39173c2-7dc5-4a08-aba0-3f14f6b70d94");

        mapped.Sections.Patient!.AgeYears.Should().Be(70, "born 1936-08-18, died 2007-03-25 (today in the tests is 2025-06-15: 88)");
        mapped.Evidence.Should().Contain("Patient: age 70 (birth date 1936-08-18) at death on 2007-03-25, sex male.");
    }

    private static MappedCase MapSynthea() => Map("real-synthea-simvastatin-and-liver-labs.json", PrefetchTemplates.Labs, SyntheaPatient);

    // A fixture as one prefetched value under the given key, for the patient's own id.
    private static MappedCase Map(string fixture, string keyName, string patientId)
    {
        var codes = CdsFixtures.Codes;
        using var document = JsonDocument.Parse(CdsFixtures.Text(fixture));
        var key = new PrefetchTemplates(codes).Assessment.Single(k => k.Name == keyName);
        var slot = PrefetchResolver.FromPrefetch(key, document.RootElement.Clone());
        return new FhirFindingsMapper(codes, new FixedTime(CdsFixtures.Today)).Map(patientId, new Dictionary<string, PrefetchSlot> { [key.Name] = slot });
    }
}
