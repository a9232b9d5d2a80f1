using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// A CK the lab reports only as a bound (FHIR <c>Quantity.comparator</c>, <c>&gt;1400</c>) goes to the engine as a
/// bound (<c>ck.comparator</c>), never as the value itself, and the card says so beside the value.
/// </summary>
public sealed class CkComparatorMappingTests
{
    private const string Range = """[ { "high": { "value": 200, "unit": "U/L" } } ]""";

    [Theory]
    [InlineData(">", CkComparator.GreaterThan, "a lower bound")]
    [InlineData(">=", CkComparator.AtLeast, "a lower bound")]
    [InlineData("<", CkComparator.LessThan, "an upper bound")]
    [InlineData("<=", CkComparator.AtMost, "an upper bound")]
    public void Map_CkWithAComparator_IsABoundForTheEngine(string comparator, CkComparator expected, string said)
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", $$"""1400, "comparator": "{{comparator}}" """, "U/L", "2024-03-02", ranges: Range));

        mapped.Sections.Ck!.Value.Should().Be(1400);
        mapped.Sections.Ck.Comparator.Should().Be(expected);
        mapped.Evidence.Should().Contain(e => e.Contains($"reported as {comparator}1,400: {said}; a CK threshold it does not settle stays unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_CkWithoutAComparator_IsTheExactValue()
    {
        var mapped = FhirMapping.Map(FhirMapping.Ck("ck-1", "1400", "U/L", "2024-03-02", ranges: Range));

        mapped.Sections.Ck!.Comparator.Should().BeNull();
        mapped.Evidence.Should().NotContain(e => e.Contains("bound", StringComparison.Ordinal));
    }
}
