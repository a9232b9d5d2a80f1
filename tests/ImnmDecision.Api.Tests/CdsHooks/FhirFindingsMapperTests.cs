using System.Text.Json;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>FHIR R4 prefetch data to findings, for each fixture; the mapper maps and never decides.</summary>
public sealed class FhirFindingsMapperTests
{
    [Fact]
    public void Map_HmgcrStatinExposedFixture_UsesNewestFinalCkWithLabUlnAndCurrentStatin()
    {
        var mapped = CdsFixtures.Map("patient-view-anti-hmgcr-statin-exposed.json");

        var findings = mapped.Sections;
        findings.Ck.Should().BeEquivalentTo(new CkFindings { Value = 8400, Unit = CkUnit.UnitsPerLitre, UpperLimitOfNormal = 200 });
        findings.Antibodies!.Hmgcr.Should().Be(AntibodyResult.Positive);
        findings.Antibodies.Srp.Should().Be(AntibodyResult.Negative);
        findings.Antibodies.OtherMyositisSpecific.Should().BeNull("no other antibody was tested");
        findings.Statin.Should().BeEquivalentTo(new StatinFindings { Exposure = StatinExposure.Current, Drug = "atorvastatin" });
        findings.Patient.Should().BeEquivalentTo(new PatientFindings { AgeYears = 64, Sex = Sex.Male, WeightKg = 82 });
        findings.Biopsy.Should().BeNull("a searched-and-empty biopsy list does not mean no biopsy was done");
        mapped.Findings.HasSection("clinical").Should().BeFalse("symptoms are never read from FHIR data");
        mapped.Evidence.Should().Contain(e => e.Contains("CK 8,400 U/L on 2024-03-02", StringComparison.Ordinal) && e.Contains("200 U/L", StringComparison.Ordinal));
        mapped.Evidence.Should().Contain(e => e.StartsWith("Anti-HMGCR positive on 2024-03-05 (interpretation POS)", StringComparison.Ordinal));
        mapped.Notes.Should().Contain(n => n.Contains("2024-03-04, entered in error", StringComparison.Ordinal));
        mapped.Incomplete.Should().BeFalse();
    }

    [Fact]
    public void Map_EnteredInErrorFixture_SkipsErroneousResultsAndUsesThePreliminaryOneWithANote()
    {
        var mapped = CdsFixtures.Map("patient-view-entered-in-error.json");

        mapped.Sections.Ck.Should().BeEquivalentTo(new CkFindings { Value = 9800, Unit = CkUnit.UnitsPerLitre, UpperLimitOfNormal = 200 }, "preliminary results are used (status policy)");
        mapped.Evidence.Should().Contain(e => e.StartsWith("CK 9,800 U/L", StringComparison.Ordinal) && e.Contains("[preliminary result]", StringComparison.Ordinal));
        mapped.Sections.Antibodies!.Hmgcr.Should().Be(AntibodyResult.Negative, "the newer positive was entered in error");
        mapped.Sections.Antibodies.Srp.Should().Be(AntibodyResult.Negative, "a corrected result counts");
        mapped.Sections.Statin.Should().BeNull("an order entered in error is no exposure, and silence is not 'never'");
        mapped.Notes.Should().Contain(n => n.Contains("Anti-HMGCR", StringComparison.Ordinal) && n.Contains("entered in error", StringComparison.Ordinal))
            .And.Contain(n => n.Contains("statin order (entered-in-error)", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_UkatFixture_KeepsMicrokatalAndTheLabUlnInTheSameUnit()
    {
        var mapped = CdsFixtures.Map("patient-view-ck-ukat.json");

        mapped.Sections.Ck.Should().BeEquivalentTo(new CkFindings { Value = 140, Unit = CkUnit.MicrokatalPerLitre, UpperLimitOfNormal = 3.3 });
        mapped.Evidence.Should().Contain(e => e.StartsWith("CK 140 ukat/L", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_CkInUnitsWithUlnInUkat_ConvertsTheUlnToTheValuesUnit()
    {
        var observation = CkObservation("""{ "value": 8400, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" }""",
            """[{ "high": { "value": 3.5, "unit": "µkat/L" } }]""");

        var mapped = MapResources(observation);

        mapped.Sections.Ck!.UpperLimitOfNormal.Should().BeApproximately(210, 1e-9);
    }

    [Fact]
    public void Map_CkInUnknownUnit_IsNotUsedAndSaysWhy()
    {
        var mapped = MapResources(CkObservation("""{ "value": 8.4, "unit": "mmol/L" }""", "[]"));

        mapped.Sections.Ck.Should().BeNull();
        mapped.Notes.Should().ContainSingle(n => n.Contains("not recognised (mmol/L)", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_CkWithGreaterThanComparator_KeepsTheValueAsALowerBound()
    {
        var mapped = MapResources(CkObservation("""{ "value": 20000, "comparator": ">", "unit": "U/L" }""", """[{ "high": { "value": 200 } }]"""));

        mapped.Sections.Ck!.Value.Should().Be(20000);
        mapped.Evidence.Should().Contain(e => e.Contains(">20,000: a lower bound", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_YearOnlyBirthDate_UsesTheYoungerPossibleAgeAndSaysSo()
    {
        var mapped = CdsFixtures.Map("patient-view-anti-hmgcr-no-statin-record.json");

        mapped.Sections.Patient!.AgeYears.Should().Be(40, "born in 1984: 40 or 41 on 2025-06-15");
        mapped.Sections.Patient.Sex.Should().Be(Sex.Female);
        mapped.Evidence.Should().Contain(e => e.Contains("birth date recorded as 1984, so 40 or 41; the younger age is used", StringComparison.Ordinal));
        mapped.Sections.Statin.Should().BeNull("no statin in the record leaves exposure unknown");
        mapped.Sections.Antibodies!.Hmgcr.Should().Be(AntibodyResult.Positive, "SNOMED 10828004 Positive as the coded value");
        mapped.Sections.Antibodies.Srp.Should().Be(AntibodyResult.Negative, "interpretation NEG");
    }

    [Theory]
    [InlineData("1961-04", 64)]
    [InlineData("1961-06", 63)]
    [InlineData("1961-06-15", 64)]
    [InlineData("1961-06-16", 63)]
    [InlineData("1961", 63)]
    [InlineData("2025", 0)]
    public void Age_PartialBirthDates_GiveTheYoungestPossibleAge(string birthDate, int expected)
    {
        var age = PatientMapper.Age(birthDate, DateOnly.FromDateTime(CdsFixtures.Today.UtcDateTime), out _);

        age.Should().Be(expected);
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("1961-13")]
    [InlineData("sixty")]
    public void Age_FutureOrInvalidBirthDates_AreUnknown(string birthDate)
    {
        PatientMapper.Age(birthDate, DateOnly.FromDateTime(CdsFixtures.Today.UtcDateTime), out _).Should().BeNull();
    }

    [Fact]
    public void Map_AntiSrpFixture_ReadsAQuantityAgainstTheLabLimitTextAndPounds()
    {
        var mapped = CdsFixtures.Map("patient-view-anti-srp.json");

        mapped.Sections.Antibodies!.Srp.Should().Be(AntibodyResult.Positive, "45 CU above the lab's limit of 20 CU");
        mapped.Sections.Antibodies.Hmgcr.Should().Be(AntibodyResult.Negative, "the result text says Negative");
        mapped.Sections.Patient!.WeightKg.Should().Be(59.9, "132 lb");
        mapped.Evidence.Should().Contain(e => e.Contains("45 CU against the lab's limit 20 CU", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SeronegativeFixture_ReadsTheBiopsyPatternFromASiteCodesText()
    {
        var mapped = CdsFixtures.Map("patient-view-seronegative-necrotizing-biopsy.json");

        mapped.Sections.Biopsy.Should().BeEquivalentTo(new BiopsyFindings { Performed = true, Pattern = BiopsyPattern.Necrotizing });
        mapped.Sections.Antibodies!.OtherMyositisSpecific.Should().BeNull("a negative anti-Jo-1 does not make a complete extended panel");
        mapped.Evidence.Should().Contain(e => e.Contains("Anti-Jo-1 negative", StringComparison.Ordinal));
        mapped.Evidence.Should().Contain("Muscle biopsy report on 2024-02-01: necrotizing pattern (conclusion code text).");
    }

    [Fact]
    public void Map_Jo1Fixture_ListsThePositiveOtherAntibody()
    {
        var mapped = CdsFixtures.Map("patient-view-alternative-anti-jo1.json");

        mapped.Sections.Antibodies!.OtherMyositisSpecific.Should().Equal(MyositisAntibody.Jo1);
    }

    [Fact]
    public void Map_MissingDataFixture_ReportsTheFailedSearchAndLeavesTheRestUnknown()
    {
        var mapped = CdsFixtures.Map("patient-view-missing-data.json");

        mapped.Sections.Antibodies.Should().BeNull();
        mapped.Sections.Patient.Should().BeNull("the Patient has neither gender nor birth date");
        mapped.Sections.Ck.Should().BeEquivalentTo(new CkFindings { Value = 5400, Unit = CkUnit.UnitsPerLitre }, "no reference range: the ULN stays unknown");
        mapped.Sections.Statin.Should().BeNull();
        mapped.Incomplete.Should().BeTrue();
        mapped.Gaps.Should().ContainEquivalentOf(new DataGap("myositis antibody results", "the EHR reported that its search failed", true));
        mapped.Gaps.Should().Contain(g => g.What == "pathology (muscle biopsy) reports" && !g.Failed);
    }

    [Theory]
    [InlineData("\"deceasedBoolean\": true", 65, "Patient: age 65 (birth date 1960-01-01), recorded as deceased (no date; age counted to today), sex female.")]
    [InlineData("\"deceasedDateTime\": \"1950-01-01\"", 65, "Patient: age 65 (birth date 1960-01-01), sex female.")]
    [InlineData("\"deceasedBoolean\": false", 65, "Patient: age 65 (birth date 1960-01-01), sex female.")]
    public void Map_DeceasedWithoutAUsableDate_KeepsTheAgeToTodayAndSaysWhatTheRecordSays(string deceased, int age, string evidence)
    {
        var mapped = FhirMapping.Map($$"""{ "resourceType": "Patient", "id": "pt-1", "gender": "female", "birthDate": "1960-01-01", {{deceased}} }""");

        mapped.Sections.Patient!.AgeYears.Should().Be(age);
        mapped.Evidence.Should().Contain(evidence, "a death date before the birth date is not used");
    }

    [Fact]
    public void Map_LocalCodesFixture_FindsNothingWithDefaultCodesButEverythingWithTheSitesCodes()
    {
        var withDefaults = CdsFixtures.Map("patient-view-local-codes.json");
        var withLocal = CdsFixtures.Map("patient-view-local-codes.json", CdsFixtures.LocalCodes());

        withDefaults.Sections.Ck.Should().BeNull();
        withDefaults.Sections.Antibodies.Should().BeNull();
        withLocal.Sections.Ck.Should().BeEquivalentTo(new CkFindings { Value = 7300, Unit = CkUnit.UnitsPerLitre, UpperLimitOfNormal = 190 });
        withLocal.Sections.Antibodies!.Hmgcr.Should().Be(AntibodyResult.Positive);
        withLocal.Sections.Statin.Should().BeEquivalentTo(new StatinFindings { Exposure = StatinExposure.Past, Drug = "atorvastatin" }, "a completed order of 'Lipitor' in a pharmacy code");
        withLocal.Sections.Patient!.AgeYears.Should().Be(61, "born July 1963: 61 on 2025-06-15 whatever the day");
    }

    [Fact]
    public void Map_ResultRecordedForAnotherPatient_IsIgnored()
    {
        var observation = CkObservation("""{ "value": 9000, "unit": "U/L" }""", "[]").Replace("Patient/pt-1", "Patient/someone-else", StringComparison.Ordinal);

        var mapped = MapResources(observation);

        mapped.Sections.Ck.Should().BeNull();
        mapped.Notes.Should().Contain("A result recorded for another patient was ignored.");
    }

    [Fact]
    public void Map_ObservationWithAnInvalidElement_IsReadWithoutItAndNoted()
    {
        // A null inside a coding array, a number for a code, an unknown element and a number for a dateTime.
        var broken = """{ "resourceType": "Observation", "id": "x", "status": "final", "code": { "coding": [ null, { "code": 5 } ] }, "notAnElement": true, "effectiveDateTime": 42 }""";
        var good = CkObservation("""{ "value": 900, "unit": "U/L" }""", "[]");

        var mapped = MapResources(broken, good);

        mapped.Sections.Ck!.Value.Should().Be(900);
        mapped.Notes.Should().Contain("1 resource(s) have elements that do not follow FHIR R4; those elements were left out.");
    }

    [Fact]
    public void Map_NoMyositisResults_HasNoMyositisData()
    {
        var mapped = MapResources("""{ "resourceType": "Patient", "id": "pt-1", "gender": "male", "birthDate": "1950-01-01" }""");

        mapped.HasMyositisData.Should().BeFalse();
        mapped.Sections.Patient!.AgeYears.Should().Be(75);
    }

    private static string CkObservation(string quantity, string ranges) => $$"""
        {
          "resourceType": "Observation", "id": "ck-{{Guid.NewGuid():N}}", "status": "final",
          "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6" } ] },
          "subject": { "reference": "Patient/pt-1" },
          "effectiveDateTime": "2025-01-02T08:00:00Z",
          "valueQuantity": {{quantity}},
          "referenceRange": {{ranges}}
        }
        """;

    private static MappedCase MapResources(params string[] resources)
    {
        var bundle = $$"""{ "resourceType": "Bundle", "type": "searchset", "entry": [ {{string.Join(",", resources.Select(r => $$"""{ "resource": {{r}} }"""))}} ] }""";
        using var document = JsonDocument.Parse(bundle);
        var templates = new PrefetchTemplates(CdsFixtures.Codes);
        var slot = PrefetchResolver.FromPrefetch(templates.Assessment[1], document.RootElement.Clone());
        var mapper = new FhirFindingsMapper(CdsFixtures.Codes, new FixedTime(CdsFixtures.Today));
        return mapper.Map("pt-1", new Dictionary<string, PrefetchSlot> { ["ck"] = slot });
    }
}
