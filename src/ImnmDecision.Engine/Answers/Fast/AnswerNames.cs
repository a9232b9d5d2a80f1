using System.Text.Json;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>The answer's property names, encoded once (the contract's camelCase spelling of each record property).</summary>
internal static class AnswerNames
{
    public static readonly JsonEncodedText AssessmentId = JsonEncodedText.Encode("assessmentId");

    public static readonly JsonEncodedText CaseId = JsonEncodedText.Encode("caseId");

    public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");

    public static readonly JsonEncodedText Alerts = JsonEncodedText.Encode("alerts");

    public static readonly JsonEncodedText Subtype = JsonEncodedText.Encode("subtype");

    public static readonly JsonEncodedText Workup = JsonEncodedText.Encode("workup");

    public static readonly JsonEncodedText Treatment = JsonEncodedText.Encode("treatment");

    public static readonly JsonEncodedText Missing = JsonEncodedText.Encode("missing");

    public static readonly JsonEncodedText Classification = JsonEncodedText.Encode("classification");

    public static readonly JsonEncodedText Citations = JsonEncodedText.Encode("citations");

    public static readonly JsonEncodedText Ruleset = JsonEncodedText.Encode("ruleset");

    public static readonly JsonEncodedText Disclaimer = JsonEncodedText.Encode("disclaimer");

    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");

    public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");

    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");

    public static readonly JsonEncodedText RuleId = JsonEncodedText.Encode("ruleId");

    public static readonly JsonEncodedText Trace = JsonEncodedText.Encode("trace");

    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");

    public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");

    public static readonly JsonEncodedText Certainty = JsonEncodedText.Encode("certainty");

    public static readonly JsonEncodedText Because = JsonEncodedText.Encode("because");

    public static readonly JsonEncodedText Statement = JsonEncodedText.Encode("statement");

    public static readonly JsonEncodedText Facts = JsonEncodedText.Encode("facts");

    public static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");

    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");

    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");

    public static readonly JsonEncodedText RiskStratification = JsonEncodedText.Encode("riskStratification");

    public static readonly JsonEncodedText RiskCategory = JsonEncodedText.Encode("riskCategory");

    public static readonly JsonEncodedText RiskFactors = JsonEncodedText.Encode("riskFactors");

    public static readonly JsonEncodedText RiskFactorsCouldRaise = JsonEncodedText.Encode("riskFactorsCouldRaise");

    public static readonly JsonEncodedText Schedule = JsonEncodedText.Encode("schedule");

    public static readonly JsonEncodedText Cautions = JsonEncodedText.Encode("cautions");

    public static readonly JsonEncodedText Tier = JsonEncodedText.Encode("tier");

    public static readonly JsonEncodedText Fields = JsonEncodedText.Encode("fields");

    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");

    public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");

    public static readonly JsonEncodedText Dose = JsonEncodedText.Encode("dose");

    public static readonly JsonEncodedText Avoid = JsonEncodedText.Encode("avoid");

    public static readonly JsonEncodedText CautionTraces = JsonEncodedText.Encode("cautionTraces");

    public static readonly JsonEncodedText PerKg = JsonEncodedText.Encode("perKg");

    public static readonly JsonEncodedText PerM2 = JsonEncodedText.Encode("perM2");

    public static readonly JsonEncodedText WeightKg = JsonEncodedText.Encode("weightKg");

    public static readonly JsonEncodedText DosingWeightKg = JsonEncodedText.Encode("dosingWeightKg");

    public static readonly JsonEncodedText BodySurfaceAreaM2 = JsonEncodedText.Encode("bodySurfaceAreaM2");

    public static readonly JsonEncodedText Population = JsonEncodedText.Encode("population");

    public static readonly JsonEncodedText AmountLow = JsonEncodedText.Encode("amountLow");

    public static readonly JsonEncodedText AmountHigh = JsonEncodedText.Encode("amountHigh");

    public static readonly JsonEncodedText AmountUnit = JsonEncodedText.Encode("amountUnit");

    public static readonly JsonEncodedText AmountPer = JsonEncodedText.Encode("amountPer");

    public static readonly JsonEncodedText Field = JsonEncodedText.Encode("field");

    public static readonly JsonEncodedText Why = JsonEncodedText.Encode("why");

    public static readonly JsonEncodedText EularAcr2017 = JsonEncodedText.Encode("eularAcr2017");

    public static readonly JsonEncodedText BiopsyIncluded = JsonEncodedText.Encode("biopsyIncluded");

    public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");

    public static readonly JsonEncodedText Probability = JsonEncodedText.Encode("probability");

    public static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");

    public static readonly JsonEncodedText MaxScore = JsonEncodedText.Encode("maxScore");

    public static readonly JsonEncodedText MaxProbability = JsonEncodedText.Encode("maxProbability");

    public static readonly JsonEncodedText MaxCategory = JsonEncodedText.Encode("maxCategory");

    public static readonly JsonEncodedText Subgroup = JsonEncodedText.Encode("subgroup");

    public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");

    public static readonly JsonEncodedText Comparison = JsonEncodedText.Encode("comparison");

    public static readonly JsonEncodedText Needs = JsonEncodedText.Encode("needs");

    public static readonly JsonEncodedText Points = JsonEncodedText.Encode("points");

    public static readonly JsonEncodedText Findings = JsonEncodedText.Encode("findings");

    public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");

    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");

    public static readonly JsonEncodedText Year = JsonEncodedText.Encode("year");

    public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");

    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");

    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");

    public static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");

    public static readonly JsonEncodedText Tag = JsonEncodedText.Encode("tag");

    public static readonly JsonEncodedText Fact = JsonEncodedText.Encode("fact");

    public static readonly JsonEncodedText Op = JsonEncodedText.Encode("op");

    public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");

    public static readonly JsonEncodedText Param = JsonEncodedText.Encode("param");

    public static readonly JsonEncodedText Actual = JsonEncodedText.Encode("actual");

    public static readonly JsonEncodedText All = JsonEncodedText.Encode("all");

    public static readonly JsonEncodedText Any = JsonEncodedText.Encode("any");

    public static readonly JsonEncodedText Not = JsonEncodedText.Encode("not");

    public static readonly JsonEncodedText Ref = JsonEncodedText.Encode("ref");

    public static readonly JsonEncodedText When = JsonEncodedText.Encode("when");

    public static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
}
