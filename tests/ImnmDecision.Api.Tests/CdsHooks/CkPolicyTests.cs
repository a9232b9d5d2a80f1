using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// CK as labs send it: reference ranges by sex and age (referenceRange.appliesTo, .age), unit spellings, the
/// status policy, several results (most recent plus the episode's peak) and ties broken by issued time then id.
/// </summary>
public sealed class CkPolicyTests
{
    // Two normal ranges, the female one first (FHIR R4 Observation.referenceRange.appliesTo, SNOMED CT sex codes).
    private const string SexRanges = """
        [
          { "high": { "value": 145, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" },
            "type": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/referencerange-meaning", "code": "normal" } ] },
            "appliesTo": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "248152002", "display": "Female" } ] } ] },
          { "high": { "value": 200, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L" },
            "type": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/referencerange-meaning", "code": "normal" } ] },
            "appliesTo": [ { "coding": [ { "system": "http://snomed.info/sct", "code": "248153007", "display": "Male" } ] } ] }
        ]
        """;

    [Theory]
    [InlineData("male", 200.0)]
    [InlineData("female", 145.0)]
    public void Map_RangesBySex_UsesTheRangeThatAppliesToThePatient(string gender, double uln)
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient(gender), FhirMapping.Ck("ck-1", "900", "U/L", "2025-05-01", ranges: SexRanges));

        mapped.Sections.Ck!.UpperLimitOfNormal.Should().Be(uln);
    }

    [Fact]
    public void Map_RangesBySexAndSexUnknown_UsesNoneAndSaysWhy()
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", "U/L", "2025-05-01", ranges: SexRanges));

        mapped.Sections.Ck!.UpperLimitOfNormal.Should().BeNull("the engine's default for the sex applies, and says so");
        mapped.Evidence.Should().Contain(e => e.Contains("depend on sex or age, and the patient's are not known", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_RangesByAge_UsesTheRangeForThePatientsAge()
    {
        const string ranges = """
            [
              { "high": { "value": 300, "unit": "U/L" }, "age": { "low": { "value": 0, "unit": "a", "system": "http://unitsofmeasure.org", "code": "a" }, "high": { "value": 17, "unit": "a", "system": "http://unitsofmeasure.org", "code": "a" } } },
              { "high": { "value": 190, "unit": "U/L" }, "age": { "low": { "value": 18, "unit": "a", "system": "http://unitsofmeasure.org", "code": "a" } } }
            ]
            """;

        var mapped = FhirMapping.Map(FhirMapping.Patient("female", "1980-02-02"), FhirMapping.Ck("ck-1", "900", "U/L", "2025-05-01", ranges: ranges));

        mapped.Sections.Ck!.UpperLimitOfNormal.Should().Be(190);
    }

    [Theory]
    [InlineData("UNITS/L", null, 900.0, CkUnit.UnitsPerLitre)]
    [InlineData("units/L", null, 900.0, CkUnit.UnitsPerLitre)]
    [InlineData("IU/L", "[IU]/L", 900.0, CkUnit.UnitsPerLitre)]
    [InlineData("u/l", null, 900.0, CkUnit.UnitsPerLitre)]
    [InlineData("U/L", "U/L", 900.0, CkUnit.UnitsPerLitre)]
    [InlineData("µkat/L", "ukat/L", 900.0, CkUnit.MicrokatalPerLitre)]
    [InlineData("mckat/L", null, 900.0, CkUnit.MicrokatalPerLitre)]
    [InlineData("UKAT/L", null, 900.0, CkUnit.MicrokatalPerLitre)]
    [InlineData("nkat/L", "nkat/L", 0.9, CkUnit.MicrokatalPerLitre)]
    public void Map_UnitSpellings_AreRecognisedAndConverted(string unit, string? code, double expected, CkUnit expectedUnit)
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", unit, "2025-05-01", code: code));

        mapped.Sections.Ck!.Value.Should().BeApproximately(expected, 1e-9);
        mapped.Sections.Ck.Unit.Should().Be(expectedUnit);
    }

    [Fact]
    public void Map_NanokatalWithLabLimitInNanokatal_ConvertsBoth()
    {
        const string ranges = """[ { "high": { "value": 3300, "unit": "nkat/L", "code": "nkat/L" } } ]""";

        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "66000", "nkat/L", "2025-05-01", ranges: ranges, code: "nkat/L"));

        mapped.Sections.Ck!.Value.Should().BeApproximately(66, 1e-9);
        mapped.Sections.Ck.Unit.Should().Be(CkUnit.MicrokatalPerLitre);
        mapped.Sections.Ck.UpperLimitOfNormal.Should().BeApproximately(3.3, 1e-9);
    }

    [Theory]
    [InlineData("preliminary", "[preliminary result]")]
    [InlineData("unknown", "[status unknown in the record]")]
    [InlineData("amended", "")]
    [InlineData("corrected", "")]
    public void Map_UsableStatuses_AreUsedWithTheirNote(string status, string note)
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", "U/L", "2025-05-01", status));

        mapped.Sections.Ck!.Value.Should().Be(900);
        mapped.Evidence.Should().Contain(e => e.StartsWith("CK 900 U/L", StringComparison.Ordinal) && e.Contains(note, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("entered-in-error")]
    [InlineData("cancelled")]
    [InlineData("registered")]
    public void Map_NewerResultWithIgnoredStatus_FallsBackToTheOlderUsableOne(string status)
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Ck("ck-new", "12000", "U/L", "2025-05-02", status),
            FhirMapping.Ck("ck-old", "900", "U/L", "2025-05-01"));

        mapped.Sections.Ck!.Value.Should().Be(900);
        mapped.Notes.Should().Contain(n => n.StartsWith("A CK result (2025-05-02", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SeveralResults_UsesTheMostRecentAndShowsThePeak()
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Ck("ck-1", "14500", "U/L", "2025-03-01"),
            FhirMapping.Ck("ck-3", "2100", "U/L", "2025-05-01"),
            FhirMapping.Ck("ck-2", "8000", "U/L", "2025-04-01"));

        mapped.Sections.Ck!.Value.Should().Be(2100, "the most recent is the current state");
        mapped.Evidence.Should().Contain("Highest CK of the 3 results in the record: 14,500 U/L on 2025-03-01; no upper limit of normal in the result.");
    }

    [Fact]
    public void Map_SameDateResults_BreakTiesByIssuedTimeThenIdNeverBundleOrder()
    {
        var byIssued = new[]
        {
            FhirMapping.Ck("ck-b", "5000", "U/L", "2025-05-01", issued: "2025-05-01T18:00:00Z"),
            FhirMapping.Ck("ck-a", "7000", "U/L", "2025-05-01", issued: "2025-05-01T20:00:00Z"),
        };
        var byId = new[]
        {
            FhirMapping.Ck("ck-b", "5000", "U/L", "2025-05-01"),
            FhirMapping.Ck("ck-a", "7000", "U/L", "2025-05-01"),
        };

        FhirMapping.Map(byIssued).Sections.Ck!.Value.Should().Be(7000, "issued later");
        FhirMapping.Map([.. byIssued.Reverse()]).Sections.Ck!.Value.Should().Be(7000, "order in the Bundle does not matter");
        FhirMapping.Map(byId).Sections.Ck!.Value.Should().Be(5000, "same date, no issued time: the greater id (ck-b)");
        FhirMapping.Map([.. byId.Reverse()]).Sections.Ck!.Value.Should().Be(5000);
    }
}
