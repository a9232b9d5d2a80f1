using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>
/// A batch validates a case without FluentValidation (<see cref="FindingsPrecheck"/>, <see cref="BatchValidation"/>):
/// its verdict and its errors must be the validator's, on every boundary and on generated cases.
/// </summary>
public sealed class BatchValidationTests
{
    private static readonly FindingsValidator Validator = new();

    public static TheoryData<string> Boundaries() =>
    [
        "{}",
        """{"caseId":"x"}""",
        """{"comorbidities":{}}""",
        """{"comorbidities":{"diabetes":false}}""",
        """{"patient":{"ageYears":0}}""", """{"patient":{"ageYears":120}}""", """{"patient":{"ageYears":120.01}}""", """{"patient":{"ageYears":-0.5}}""",
        """{"patient":{"weightKg":1}}""", """{"patient":{"weightKg":0.99}}""", """{"patient":{"weightKg":400}}""", """{"patient":{"weightKg":400.5}}""",
        """{"patient":{"sex":"male","pregnant":true}}""", """{"patient":{"sex":"female","pregnant":true}}""", """{"patient":{"pregnant":true}}""",
        """{"ck":{"value":0}}""", """{"ck":{"value":-1}}""", """{"ck":{"upperLimitOfNormal":0}}""", """{"ck":{"upperLimitOfNormal":0.1}}""",
        """{"ck":{"unit":"ukat/L"}}""",
        """{"biopsy":{"performed":false,"pattern":"necrotizing"}}""", """{"biopsy":{"performed":false}}""", """{"biopsy":{"performed":false,"mhc1Diffuse":true}}""",
        """{"biopsy":{"pattern":"normal"}}""",
        """{"statin":{"drug":"atorvastatin"}}""", """{"statin":{"exposure":"never"}}""",
        """{"antibodies":{"otherMyositisSpecific":[]}}""",
        """{"clinical":{"myalgia":true}}""",
        "{\"caseId\":\"" + new string('c', 64) + "\",\"ck\":{\"value\":1}}",
        "{\"caseId\":\"" + new string('c', 65) + "\",\"ck\":{\"value\":1}}",
        "{\"statin\":{\"exposure\":\"past\",\"drug\":\"" + new string('d', 65) + "\"}}",
    ];

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Precheck_Boundary_AgreesWithTheValidator(string json)
    {
        var findings = JsonSerializer.Deserialize<Findings>(json, ImnmJson.Options)!;
        var errors = Validator.Validate(findings).Errors.Select(e => (e.PropertyName, e.ErrorMessage));

        FindingsPrecheck.IsValid(findings).Should().Be(!errors.Any());
        (BatchValidation.Errors(findings.Values)?.SelectMany(e => e.Value.Select(m => (e.Key, m))) ?? []).Should().Equal(errors);
    }

    [Fact]
    public void Precheck_GeneratedCohortWithDefects_AgreesWithTheValidatorOnEveryCase()
    {
        foreach (var line in BatchHarness.Generate(BatchFormat.Ndjson, 5000, seed: 3, invalidFraction: 0.3).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (FindingsJson.TryParse(Encoding.UTF8.GetBytes(line), out var findings, out _))
            {
                FindingsPrecheck.IsValid(findings).Should().Be(Validator.Validate(findings).IsValid, line);
            }
        }
    }
}
