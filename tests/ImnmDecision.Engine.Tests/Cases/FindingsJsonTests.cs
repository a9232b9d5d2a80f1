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
        Read("{\"ck\":{\"value\":1,\"unit\":\"" + unit + "\"}}").Ck!.Unit.Should().Be(expected);
    }

    [Fact]
    public void Write_CkUnit_UsesContractName()
    {
        JsonSerializer.Serialize(new CkFindings { Unit = CkUnit.MicrokatalPerLitre }, ImnmJson.Options).Should().Be("""{"unit":"ukat/L"}""");
    }

    [Theory]
    [InlineData("""{"ck":{"value":1,"unit":"mmol/L"}}""", "$.ck.unit")]
    [InlineData("""{"antibodies":{"hmgcr":"weakly-positive"}}""", "$.antibodies.hmgcr")]
    [InlineData("""{"ck":{"value":"high"}}""", "$.ck.value")]
    [InlineData("""{"antibodys":{"hmgcr":"positive"}}""", "$.antibodys")]
    public void Read_BadInput_FailsWithThePath(string json, string path)
    {
        var read = () => Read(json);

        read.Should().Throw<JsonException>().Which.Path.Should().Be(path);
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

        findings.Antibodies!.OtherMyositisSpecific.Should().Equal(MyositisAntibody.PmScl, MyositisAntibody.Tif1g);
        findings.Biopsy!.Pattern.Should().Be(BiopsyPattern.InflammatoryEndomysial);
        findings.Statin!.Exposure.Should().Be(StatinExposure.Current);
        findings.Comorbidities!.ThromboembolicRisk.Should().BeFalse();
    }
}
