using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// CK units as real labs spell them (CDS fuzz round 6): U/L, IU/L, [IU]/L, U/l and ukat/L in any case are read;
/// "/L", "U / L", mU/L and kU/L are not units the code lists know and the result stays unknown; a value written
/// as text ("1,234") is not read. A UCUM code is what the quantity means: when it names another unit than CK's,
/// a CK unit in the display text does not rescue it.
/// </summary>
public sealed class FuzzCdsUnitTests
{
    private const string Range = """[{ "high": { "value": 200, "unit": "U/L" } }]""";

    [Theory]
    [InlineData("U/L", 900)]
    [InlineData("IU/L", 900)]
    [InlineData("[IU]/L", 900)]
    [InlineData("U/l", 900)]
    [InlineData("u/L", 900)]
    [InlineData("ukat/L", 54000)]
    [InlineData("µkat/L", 54000)]
    [InlineData("UKAT/L", 54000)]
    public void CkUnitSpelling_Known_IsRead(string unit, double unitsPerLitre)
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", unit, "2024-03-02", ranges: Range));

        mapped.Sections.Ck.Should().BeEquivalentTo(new CkFindings { Value = unitsPerLitre, Unit = CkUnit.UnitsPerLitre, UpperLimitOfNormal = 200 });
    }

    [Theory]
    [InlineData("/L")]
    [InlineData("U / L")]
    [InlineData("mU/L")]
    [InlineData("kU/L")]
    public void CkUnitSpelling_Unknown_LeavesCkUnknown(string unit)
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", unit, "2024-03-02", ranges: Range));

        mapped.Sections.Ck.Should().BeNull();
        mapped.Notes.Should().Contain(n => n.Contains("is in a unit that is not recognised", StringComparison.Ordinal));
    }

    [Fact]
    public void CkUcumCodeOfAnotherUnit_WithCkUnitText_IsNotRead()
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", "U/L", "2024-03-02", ranges: Range, code: "mg/dL"));

        mapped.Sections.Ck.Should().BeNull("the UCUM code says mg/dL; the display text 'U/L' does not make it a CK activity");
        mapped.Notes.Should().Contain("A CK result (2024-03-02) is in a unit that is not recognised (mg/dL) and was not used.");
    }

    [Fact]
    public void CkRangeHighWithAUcumCodeOfAnotherUnit_IsNotUsedAsTheLimit()
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "900", "U/L", "2024-03-02", code: "U/L", ranges: """
            [{ "high": { "value": 3.3, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "mg/dL" } }]
            """));

        mapped.Sections.Ck!.UpperLimitOfNormal.Should().BeNull("a limit in mg/dL is not a CK limit");
    }

    [Fact]
    public void CkWrittenAsText_IsNotRead()
    {
        var mapped = FhirMapping.Map("""
            { "resourceType": "Observation", "id": "ck-1", "status": "final", "code": { "coding": [ { "system": "http://loinc.org", "code": "2157-6" } ] },
              "subject": { "reference": "Patient/pt-1" }, "effectiveDateTime": "2024-03-02", "valueString": "1,234" }
            """);

        mapped.Sections.Ck.Should().BeNull();
        mapped.Notes.Should().Contain("A CK result (2024-03-02) has no numeric value and was not used.");
    }
}
