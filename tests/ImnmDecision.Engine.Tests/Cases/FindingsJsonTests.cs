using System.Text.Json;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Tests.Cases;

public sealed class FindingsJsonTests
{
    private static Findings Read(string json) => JsonSerializer.Deserialize<Findings>(json, ImnmJson.Options)!;

    [Theory]
    [InlineData("U/L", CkUnit.UnitsPerLitre)]
    [InlineData("IU/L", CkUnit.UnitsPerLitre)]
    [InlineData("ukat/L", CkUnit.MicrokatalPerLitre)]
    public void Read_CkUnit_AcceptsContractNamesAndAlias(string unit, CkUnit expected)
    {
        Read("{\"ck\":{\"value\":1,\"unit\":\"" + unit + "\"}}").Choice<CkUnit>("ck.unit").Should().Be(expected);
    }

    [Fact]
    public void Write_CkUnit_UsesContractName()
    {
        JsonSerializer.Serialize(new FindingsBuilder().Choice("ck.unit", CkUnit.MicrokatalPerLitre).Build(), ImnmJson.Options).Should().Be("""{"ck":{"unit":"ukat/L"}}""");
    }

    [Theory]
    [InlineData("""{"ck":{"value":1,"unit":"mmol/L"}}""", "ck.unit")]
    [InlineData("""{"antibodies":{"hmgcr":"weakly-positive"}}""", "antibodies.hmgcr")]
    [InlineData("""{"antibodies":{"hmgcr":"Positive"}}""", "antibodies.hmgcr")]
    [InlineData("""{"ck":{"value":"high"}}""", "ck.value")]
    [InlineData("""{"antibodys":{"hmgcr":"positive"}}""", "antibodys")]
    [InlineData("""{"CaseId":"x","ck":{"value":1}}""", "CaseId")]
    [InlineData("""{"ck":{"Value":1}}""", "ck.Value")]
    [InlineData("""{"clinical":{"dysphagia":true},"clinical":{"myalgia":true}}""", "clinical")]
    [InlineData("""{"ck":{"value":1,"value":2}}""", "ck.value")]
    [InlineData("""{"antibodies":{"otherMyositisSpecific":["jo1","nope"]}}""", "antibodies.otherMyositisSpecific[1]")]
    [InlineData("""{"patient":{"heightCm":"tall"}}""", "patient.heightCm")]
    public void Read_BadInput_FailsWithThePath(string json, string path)
    {
        var read = () => Read(json);

        read.Should().Throw<FindingsFormatException>().Which.Errors.Select(e => e.Path).Should().Equal(path);
    }

    [Fact]
    public void Read_SeveralFormatErrors_ReportsEveryOneWithItsPath()
    {
        var read = () => Read("""{"ck":{"value":"x","unit":"mmol/L"},"antibodies":{"hmgcr":1},"nope":true}""");

        read.Should().Throw<FindingsFormatException>().Which.Errors.Select(e => e.Path)
            .Should().Equal("ck.value", "ck.unit", "antibodies.hmgcr", "nope");
    }

    [Fact]
    public void Read_LoneSurrogateInAValue_IsThatFieldsErrorNotACrash()
    {
        var read = () => Read("""{"statin":{"drug":"\ud800"},"clinical":{"onset":"\udfff"}}""");

        read.Should().Throw<FindingsFormatException>().Which.Errors.Select(e => e.Path).Should().Equal("statin.drug", "clinical.onset");
    }

    [Fact]
    public void Read_Errors_NeverRepeatTheValueSent()
    {
        var read = () => Read("""{"ck":{"value":"SENTINEL-1"},"antibodies":{"hmgcr":"SENTINEL-2"},"SENTINEL 3":1}""");

        var errors = read.Should().Throw<FindingsFormatException>().Which.Errors;
        string.Join("\n", errors.Select(e => e.Path + e.Message)).Should().NotContain("SENTINEL");
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameFindings()
    {
        var findings = new FindingsBuilder().CaseId("c-9").Number("patient.heightCm", 150.5).Choice("antibodies.hmgcr", AntibodyResult.Positive)
            .Set("antibodies.otherMyositisSpecific", ["ku", "jo1"]).Boolean("clinical.dysphagia", false).Text("statin.drug", "simvastatin").Build();

        var json = JsonSerializer.Serialize(findings, ImnmJson.Options);

        json.Should().Be("""{"caseId":"c-9","patient":{"heightCm":150.5},"antibodies":{"hmgcr":"positive","otherMyositisSpecific":["jo1","ku"]},"statin":{"drug":"simvastatin"},"clinical":{"dysphagia":false}}""");
        JsonSerializer.Serialize(Read(json), ImnmJson.Options).Should().Be(json);
    }

    [Fact]
    public void Read_ContractExample_ReadsEverySection()
    {
        var findings = Read("""
        {"caseId":"c-1","patient":{"ageYears":62,"sex":"male","weightKg":80,"pregnant":false},
         "ck":{"value":8400,"unit":"U/L","upperLimitOfNormal":200},
         "antibodies":{"hmgcr":"positive","srp":"negative","otherMyositisSpecific":["pm-scl","tif1g"]},
         "biopsy":{"performed":true,"pattern":"inflammatory-endomysial","mhc1Diffuse":false,"sarcolemmalMac":true},
         "statin":{"exposure":"current","drug":"atorvastatin"},
         "clinical":{"proximalWeakness":"severe","onset":"subacute","dysphagia":false,"respiratoryWeakness":false,"cardiacSymptoms":false,"rash":false,"myalgia":true},
         "comorbidities":{"knownMalignancy":false,"interstitialLungDisease":false,"renalImpairment":false,"hepaticImpairment":false,"diabetes":false,"thromboembolicRisk":false}}
        """);

        findings.Set("antibodies.otherMyositisSpecific").Should().Equal("tif1g", "pm-scl");
        findings.Choice<BiopsyPattern>("biopsy.pattern").Should().Be(BiopsyPattern.InflammatoryEndomysial);
        findings.Choice<StatinExposure>("statin.exposure").Should().Be(StatinExposure.Current);
        findings.Boolean("comorbidities.thromboembolicRisk").Should().BeFalse();
        findings.CaseId.Should().Be("c-1");
    }
}
