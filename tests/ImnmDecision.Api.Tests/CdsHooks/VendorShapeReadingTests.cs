using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Shapes that Oracle Health (Cerner) publishes in its R4 developer documentation (github.com/cerner/fhir.cerner.com,
/// commit 3d33831, <c>lib/resources/example_json/</c>; sources in Fixtures/README.md): a lab result whose
/// <c>valueQuantity</c> has a value and no unit (Millennium's <c>L-206310341</c>, <c>{ "value": 189 }</c>), a
/// "Pregnant" Condition (SNOMED CT 77386006) that is resolved with an abatement date (Millennium's
/// <c>p73077203</c>), each written out after the published shape (the repository states no licence).
/// Epic's R4 answers as captured from its App Orchard sandbox (github.com/The-Ronin-Project/interop-ehr, commit 292a278,
/// <c>interop-ehr-epic/src/test/resources/ExampleConditionBundle.json</c>) code SNOMED CT by its HL7 OID,
/// <c>urn:oid:2.16.840.1.113883.6.96</c>: a reference range's <c>appliesTo</c> sex so coded is the same sex.
/// </summary>
public sealed class VendorShapeReadingTests
{
    [Fact]
    public void Map_CkWithAValueAndNoUnit_IsNotUsedAndTheNoteSaysItHasNoUnit()
    {
        var ck = """
            { "resourceType": "Observation", "id": "L-1", "status": "final",
              "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6" } ] },
              "subject": { "reference": "Patient/pt-1" }, "effectiveDateTime": "2023-10-30T17:04:42.000Z",
              "valueQuantity": { "value": 2400 },
              "referenceRange": [ { "high": { "value": 200, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" } } ] }
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient("female", "1990-01-01"), ck);

        mapped.Sections.Ck.Should().BeNull("a CK without a unit may be in U/L or ukat/L; it is not guessed");
        mapped.Notes.Should().Contain("A CK result (2023-10-30) has no unit and was not used.");
        mapped.Notes.Should().NotContain(n => n.Contains("()", StringComparison.Ordinal), "an empty unit is no unit, not a spelling");
    }

    [Fact]
    public void Map_CernerResolvedPregnantCondition_DoesNotSetPregnancy()
    {
        // The shape of Millennium's Condition p73077203 (narrative and identifiers left out; subject pt-1).
        var condition = """
            { "resourceType": "Condition", "id": "p73077203",
              "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "resolved", "display": "Resolved", "userSelected": false } ], "text": "Resolved" },
              "verificationStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed", "display": "Confirmed", "userSelected": false } ], "text": "Confirmed" },
              "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item", "display": "Problem List Item" } ], "text": "Problem List Item" } ],
              "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "77386006", "display": "Patient currently pregnant (finding)", "userSelected": true } ], "text": "Pregnant" },
              "subject": { "reference": "Patient/pt-1" },
              "onsetDateTime": "2019-06-12", "abatementDateTime": "2020-04-04T17:00:00.000Z", "recordedDate": "2020-03-05T16:54:50.000Z" }
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient("female", "1990-01-01"), condition);

        mapped.Sections.Patient!.Pregnant.Should().BeNull("a resolved pregnancy says nothing about today");
        mapped.Findings.Has("patient.pregnant").Should().BeFalse();
    }

    // Two normal ranges, the female one first, their sex coded with SNOMED CT's OID as Epic codes SNOMED CT.
    private const string OidSexRanges = """
        [
          { "high": { "value": 145, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" },
            "appliesTo": [ { "coding": [ { "system": "urn:oid:2.16.840.1.113883.6.96", "code": "248152002" } ] } ] },
          { "high": { "value": 200, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" },
            "appliesTo": [ { "coding": [ { "system": "urn:oid:2.16.840.1.113883.6.96", "code": "248153007" } ] } ] }
        ]
        """;

    [Theory]
    [InlineData("male", 200.0)]
    [InlineData("female", 145.0)]
    public void Map_RangesBySexCodedWithSnomedCtsOid_UseTheRangeThatAppliesToThePatient(string gender, double uln)
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient(gender), FhirMapping.Ck("ck-1", "900", "U/L", "2025-05-01", ranges: OidSexRanges));

        mapped.Sections.Ck!.UpperLimitOfNormal.Should().Be(uln);
    }

    [Fact]
    public void Map_RangesBySexCodedWithSnomedCtsOidAndSexUnknown_UsesNoneAndSaysWhy()
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", "U/L", "2025-05-01", ranges: OidSexRanges));

        mapped.Sections.Ck!.UpperLimitOfNormal.Should().BeNull("neither range is for every patient");
        mapped.Evidence.Should().Contain(e => e.Contains("depend on sex or age, and the patient's are not known", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_PregnancyConditionCodedAsEpicCodesSnomedCt_SetsPregnancy()
    {
        // Epic's Condition shape (ICD-10-CM and SNOMED CT by their OIDs, text, problem-list category), with 77386006.
        var condition = """
            { "resourceType": "Condition", "id": "ep-1",
              "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "version": "4.0.0", "code": "active", "display": "Active" } ], "text": "Active" },
              "verificationStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "version": "4.0.0", "code": "confirmed", "display": "Confirmed" } ], "text": "Confirmed" },
              "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item", "display": "Problem List Item" } ], "text": "Problem List Item" } ],
              "code": { "coding": [ { "system": "urn:oid:2.16.840.1.113883.6.90", "code": "Z33.1" }, { "system": "urn:oid:2.16.840.1.113883.6.96", "code": "77386006" } ], "text": "Pregnant state, incidental" },
              "subject": { "reference": "Patient/pt-1" }, "onsetDateTime": "2025-03-01", "recordedDate": "2025-03-01" }
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient("female", "1990-01-01"), condition);

        mapped.Sections.Patient!.Pregnant.Should().BeTrue("SNOMED CT's OID names SNOMED CT");
    }
}
