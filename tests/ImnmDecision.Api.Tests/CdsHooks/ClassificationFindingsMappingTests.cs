using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// The 2017 EULAR/ACR items read from FHIR R4 (resources written after the specification's Condition,
/// Observation and DiagnosticReport examples): signs and weakness patterns from Conditions, LDH/AST/ALT from lab
/// Observations against the reference range that applies to the patient, biopsy items from the pathology report's
/// conclusion codes, and the symptom onset from a Condition's onset. What is not recorded stays unknown.
/// </summary>
public sealed class ClassificationFindingsMappingTests
{
    private static readonly Lazy<AssessmentEngine> Engine = new(() => new AssessmentEngine(RulesetLoader.Load(RepositoryPaths.Rules)));

    [Fact]
    public void Map_HeliotropeRashCondition_IsSkinHeliotropeRashAndAClassificationItem()
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female", "1975-04-02"), Condition("c-1", "Heliotrope rash of both upper eyelids", onset: "2025-09-01"));

        mapped.Sections.Booleans.Should().Contain("skin.heliotropeRash", true);
        mapped.Evidence.Should().Contain(e => e.StartsWith("Heliotrope rash: recorded as a Condition", StringComparison.Ordinal));
        var items = Engine.Value.Assess(mapped.Findings).Classification!.EularAcr2017.Items;
        items.Should().Contain(i => i.Findings!.Contains("skin.heliotropeRash") && i.Status == ClassificationItemStatus.Met);
        items.Should().Contain(i => i.Findings!.Contains("skin.gottronPapules") && i.Status == ClassificationItemStatus.Unknown, "nothing recorded stays unknown");
    }

    [Theory]
    [InlineData("Gottron's papules over the MCP joints", "skin.gottronPapules")]
    [InlineData("Gottron sign", "skin.gottronSign")]
    [InlineData("Symmetric proximal upper limb weakness", "clinical.weaknessPattern.proximalUpperSymmetric")]
    [InlineData("Bilateral proximal leg weakness", "clinical.weaknessPattern.proximalLowerSymmetric")]
    [InlineData("Finger flexor weakness", "clinical.weaknessPattern.fingerFlexors")]
    public void Map_ConditionNamingASignOrPattern_SetsItsFinding(string text, string path)
    {
        FhirMapping.Map(Condition("c-1", text)).Sections.Booleans.Should().Contain(path, true);
    }

    [Theory]
    [InlineData("refuted", false)]
    [InlineData("confirmed", true)]
    public void Map_ConditionVerificationStatus_GivesPresentOrAbsent(string verification, bool expected)
    {
        FhirMapping.Map(Condition("c-1", "Heliotrope rash", verification: verification)).Sections.Booleans.Should().Contain("skin.heliotropeRash", expected);
    }

    [Theory]
    [InlineData("entered-in-error")]
    [InlineData("provisional")]
    [InlineData("differential")]
    public void Map_ConditionNotConfirmed_LeavesTheFindingUnknown(string verification)
    {
        FhirMapping.Map(Condition("c-1", "Heliotrope rash", verification: verification)).Sections.Booleans.Should().NotContainKey("skin.heliotropeRash");
    }

    [Fact]
    public void Map_NegatedConditionText_IsNotRead()
    {
        FhirMapping.Map(Condition("c-1", "No heliotrope rash")).Sections.Booleans.Should().NotContainKey("skin.heliotropeRash");
    }

    [Fact]
    public void Map_NothingRecorded_LeavesEveryItemUnknown()
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), FhirMapping.Ck("ck-1", "900", "U/L", "2025-05-01"));

        mapped.Sections.Booleans.Should().BeEmpty();
        mapped.Sections.SymptomOnsetYearsAgo.Should().BeNull();
        mapped.Findings.Should().BeEquivalentTo(mapped.Sections.ToFindings());
    }

    [Theory]
    [InlineData("2532-0", "480", "222", null, "labs.ldhElevated", true)]  // above the high limit
    [InlineData("1920-8", "35", "40", null, "labs.astElevated", false)]   // within the range
    [InlineData("1742-6", "40", "40", null, "labs.altElevated", false)]   // at the limit is not above it
    [InlineData("1742-6", "60", "40", "H", "labs.altElevated", true)]     // above; the interpretation agrees
    public void Map_LabAgainstItsReferenceRange_GivesElevated(string loinc, string value, string high, string? interpretation, string path, bool elevated)
    {
        var ranges = $$"""[ { "low": { "value": 7, "unit": "U/L" }, "high": { "value": {{high}}, "unit": "U/L" } } ]""";

        var mapped = FhirMapping.Map(Lab("lab-1", loinc, value, "2025-05-01", ranges, interpretation));

        mapped.Sections.Booleans.Should().Contain(path, elevated);
        mapped.Findings.Should().NotBeNull();
    }

    [Theory]
    [InlineData("male", false)]
    [InlineData("female", true)]
    public void Map_LabRangesBySex_UseTheRangeThatAppliesToThePatient(string gender, bool elevated)
    {
        // AST 36 U/L: above the female limit (32), within the male one (40).
        const string ranges = """
            [ { "high": { "value": 32, "unit": "U/L" }, "appliesTo": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "248152002", "display": "Female" } ] } ] },
              { "high": { "value": 40, "unit": "U/L" }, "appliesTo": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "248153007", "display": "Male" } ] } ] } ]
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient(gender), Lab("ast-1", "1920-8", "36", "2025-05-01", ranges));

        mapped.Sections.Booleans.Should().Contain("labs.astElevated", elevated);
    }

    [Fact]
    public void Map_LabRangesBySexWithSexUnknownAndNoInterpretation_StaysUnknownAndSaysSo()
    {
        const string ranges = """
            [ { "high": { "value": 32, "unit": "U/L" }, "appliesTo": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "248152002" } ] } ] },
              { "high": { "value": 40, "unit": "U/L" }, "appliesTo": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "248153007" } ] } ] } ]
            """;

        var mapped = FhirMapping.Map(Lab("ast-1", "1920-8", "36", "2025-05-01", ranges));

        mapped.Sections.Booleans.Should().NotContainKey("labs.astElevated");
        mapped.Notes.Should().Contain(n => n.StartsWith("An AST result (2025-05-01) has neither", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("H", true)]
    [InlineData("HH", true)]
    [InlineData("N", false)]
    public void Map_LabWithoutRange_UsesTheInterpretation(string code, bool elevated)
    {
        FhirMapping.Map(Lab("ldh-1", "2532-0", "300", "2025-05-01", interpretation: code)).Sections.Booleans.Should().Contain("labs.ldhElevated", elevated);
    }

    [Fact]
    public void Map_SeveralLabResults_UsesTheMostRecentUsableOne()
    {
        const string range = """[ { "high": { "value": 40, "unit": "U/L" } } ]""";
        var mapped = FhirMapping.Map(
            Lab("alt-old", "1742-6", "120", "2025-01-01", range),
            Lab("alt-new", "1742-6", "30", "2025-04-01", range),
            Lab("alt-error", "1742-6", "300", "2025-05-01", range, status: "entered-in-error"));

        mapped.Sections.Booleans.Should().Contain("labs.altElevated", false);
    }

    [Fact]
    public void Map_BiopsyReportConclusionCodes_GiveTheBiopsyItems()
    {
        var mapped = FhirMapping.Map("""
            { "resourceType": "DiagnosticReport", "id": "dr-1", "status": "final",
              "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "SP" } ] } ],
              "code": { "text": "Muscle biopsy, left vastus lateralis" }, "subject": { "reference": "Patient/pt-1" },
              "effectiveDateTime": "2025-03-10",
              "conclusionCode": [ { "text": "Perifascicular atrophy" }, { "text": "Perimysial infiltrate" } ] }
            """);

        mapped.Sections.Biopsy!.Performed.Should().BeTrue();
        mapped.Sections.Booleans.Should().Contain("biopsy.perifascicularAtrophy", true).And.Contain("biopsy.perimysialOrPerivascularInfiltrate", true);
        mapped.Sections.Booleans.Should().NotContainKey("biopsy.rimmedVacuoles", "an item the report does not name stays unknown");
    }

    [Theory]
    [InlineData("""  "onsetDateTime": "2021-03-15", """, 4.0)]
    [InlineData("""  "onsetPeriod": { "start": "2019-06" }, """, 5.0)] // any day of June 2019: the fewer whole years (the end of June is not yet 6 years back)
    [InlineData("""  "onsetAge": { "value": 58, "unit": "years", "system": "http://unitsofmeasure.org", "code": "a" }, """, 6.0)]
    public void Map_MyositisConditionOnset_GivesTheSymptomOnset(string onset, double yearsAgo)
    {
        // Today is the fixtures' date (2025-06-15); the patient was born on 1960-01-01 (age 65).
        var age = FhirMapping.Map(FhirMapping.Patient("female")).Sections.Patient!.AgeYears!.Value;
        var condition = $$"""
            { "resourceType": "Condition", "id": "c-myositis",
              "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" } ] },
              "code": { "text": "Immune-mediated necrotizing myopathy" }, {{onset}}
              "subject": { "reference": "Patient/pt-1" } }
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), condition);

        var expected = onset.Contains("onsetAge", StringComparison.Ordinal) ? Math.Floor(age - 58) : yearsAgo;
        mapped.Sections.SymptomOnsetYearsAgo.Should().Be(expected);
        mapped.Findings.Should().NotBeNull();
    }

    private static string Condition(string id, string text, string? onset = null, string verification = "confirmed") => $$"""
        {
          "resourceType": "Condition", "id": "{{id}}",
          "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" } ] },
          "verificationStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "{{verification}}" } ] },
          "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item" } ] } ],
          "code": { "text": "{{text}}" },
          "subject": { "reference": "Patient/pt-1" }
          {{(onset is null ? "" : $", \"onsetDateTime\": \"{onset}\"")}}
        }
        """;

    private static string Lab(string id, string loinc, string value, string date, string ranges = "[]", string? interpretation = null, string status = "final") => $$"""
        {
          "resourceType": "Observation", "id": "{{id}}", "status": "{{status}}",
          "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory" } ] } ],
          "code": { "coding": [ { "system": "http://loinc.org", "code": "{{loinc}}" } ] },
          "subject": { "reference": "Patient/pt-1" },
          "effectiveDateTime": "{{date}}",
          "valueQuantity": { "value": {{value}}, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" },
          {{(interpretation is null ? "" : $$"""
          "interpretation": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "{{interpretation}}" } ] } ],
          """)}}
          "referenceRange": {{ranges}}
        }
        """;
}
