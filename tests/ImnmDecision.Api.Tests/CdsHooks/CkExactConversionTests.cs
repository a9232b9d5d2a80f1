using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// CK unit conversions in the CDS door are exact (decimal): nkat/L, ukat/L (and its mckat/L, µkat/L spellings)
/// and U/L values land on the number the lab's value denotes, so a result at a rule's threshold (the ruleset's
/// ck.extremeTimesUln, 50x ULN; ck.statinMyopathyMaxTimesUln, 10x) stays on its side whatever unit it came in.
/// </summary>
public sealed class CkExactConversionTests
{
    private static readonly Lazy<AssessmentEngine> Engine = new(() => new AssessmentEngine(RulesetLoader.Load(RepositoryPaths.Rules)));

    [Theory]
    [InlineData("1368", "nkat/L", "2280", "nkat/L", 1.368, 2.28, CkUnit.MicrokatalPerLitre)]
    [InlineData("109000", "nkat/L", "2180", "nkat/L", 109.0, 2.18, CkUnit.MicrokatalPerLitre)]
    [InlineData("22.8", "mckat/L", "136.8", "U/L", 1368.0, 136.8, CkUnit.UnitsPerLitre)]
    [InlineData("109", "ukat/L", "130.8", "U/L", 6540.0, 130.8, CkUnit.UnitsPerLitre)]
    [InlineData("6540", "U/L", "2.18", "ukat/L", 6540.0, 130.8, CkUnit.UnitsPerLitre)]
    [InlineData("1368", "U/L", "2280", "nkat/L", 1368.0, 136.8, CkUnit.UnitsPerLitre)]
    [InlineData("0.3", "µkat/L", "0.1", "ukat/L", 0.3, 0.1, CkUnit.MicrokatalPerLitre)]
    public void Map_Conversion_GivesTheExactNumber(string value, string unit, string high, string highUnit, double expected, double expectedUln, CkUnit expectedUnit)
    {
        var ranges = $$"""[ { "high": { "value": {{high}}, "unit": "{{highUnit}}" } } ]""";

        var ck = FhirMapping.Map(FhirMapping.Ck("ck-1", value, unit, "2025-05-01", ranges: ranges)).Sections.Ck!;

        ck.Value.Should().Be(expected);
        ck.UpperLimitOfNormal.Should().Be(expectedUln);
        ck.Unit.Should().Be(expectedUnit);
    }

    [Theory]
    [InlineData("109000", "nkat/L", "2180", "nkat/L")]   // 109 ukat/L against 2.18 ukat/L: exactly 50x
    [InlineData("109", "mckat/L", "130.8", "U/L")]       // 6,540 U/L against 130.8 U/L
    [InlineData("6540", "U/L", "2.18", "ukat/L")]
    [InlineData("6540", "U/L", "2180", "nkat/L")]
    [InlineData("6.54", "ukat/L", "130.8", "nkat/L")]     // 6,540 nkat/L against 130.8 nkat/L
    public void Assess_CkAtExactlyTheExtremeThreshold_RaisesTheExtremeCkAlert(string value, string unit, string high, string highUnit)
    {
        Alerts(value, unit, high, highUnit).Should().Contain(AlertId.ExtremeCk);
    }

    [Theory]
    [InlineData("108999", "nkat/L", "2180", "nkat/L")]
    [InlineData("108.999", "mckat/L", "130.8", "U/L")]
    [InlineData("6539.99", "U/L", "2.18", "ukat/L")]
    public void Assess_CkJustUnderTheExtremeThreshold_RaisesNoExtremeCkAlert(string value, string unit, string high, string highUnit)
    {
        Alerts(value, unit, high, highUnit).Should().NotContain(AlertId.ExtremeCk);
    }

    [Theory]
    [InlineData("22.8", "mckat/L", "136.8", "U/L", 10.0)]
    [InlineData("22800", "nkat/L", "2.28", "ukat/L", 10.0)]
    [InlineData("1368", "U/L", "2280", "nkat/L", 10.0)]
    public void Map_CkAtTenTimesTheLimit_IsExactlyTenTimes(string value, string unit, string high, string highUnit, double times)
    {
        var ranges = $$"""[ { "high": { "value": {{high}}, "unit": "{{highUnit}}" } } ]""";

        var ck = FhirMapping.Map(FhirMapping.Ck("ck-1", value, unit, "2025-05-01", ranges: ranges)).Sections.Ck!;

        ((decimal)ck.Value!.Value / (decimal)ck.UpperLimitOfNormal!.Value).Should().Be((decimal)times);
    }

    private static IEnumerable<AlertId> Alerts(string value, string unit, string high, string highUnit)
    {
        var ranges = $$"""[ { "high": { "value": {{high}}, "unit": "{{highUnit}}" } } ]""";
        var mapped = FhirMapping.Map(FhirMapping.Patient("female", "1970-03-01"), FhirMapping.Ck("ck-1", value, unit, "2025-05-01", ranges: ranges));

        return Engine.Value.Assess(mapped.Findings).Alerts.Select(a => a.Id);
    }
}
