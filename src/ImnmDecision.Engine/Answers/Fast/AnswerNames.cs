using System.Text.Json;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>The answer's property names, encoded once (the contract's camelCase spelling of each record property).</summary>
internal static class AnswerNames
{
    public static JsonEncodedText AssessmentId { get; } = JsonEncodedText.Encode("assessmentId");

    public static JsonEncodedText CaseId { get; } = JsonEncodedText.Encode("caseId");

    public static JsonEncodedText Summary { get; } = JsonEncodedText.Encode("summary");

    public static JsonEncodedText Alerts { get; } = JsonEncodedText.Encode("alerts");

    public static JsonEncodedText Subtype { get; } = JsonEncodedText.Encode("subtype");

    public static JsonEncodedText Workup { get; } = JsonEncodedText.Encode("workup");

    public static JsonEncodedText Treatment { get; } = JsonEncodedText.Encode("treatment");

    public static JsonEncodedText Missing { get; } = JsonEncodedText.Encode("missing");

    public static JsonEncodedText Classification { get; } = JsonEncodedText.Encode("classification");

    public static JsonEncodedText Citations { get; } = JsonEncodedText.Encode("citations");

    public static JsonEncodedText Ruleset { get; } = JsonEncodedText.Encode("ruleset");

    public static JsonEncodedText Disclaimer { get; } = JsonEncodedText.Encode("disclaimer");

    public static JsonEncodedText Id { get; } = JsonEncodedText.Encode("id");

    public static JsonEncodedText Severity { get; } = JsonEncodedText.Encode("severity");

    public static JsonEncodedText Message { get; } = JsonEncodedText.Encode("message");

    public static JsonEncodedText RuleId { get; } = JsonEncodedText.Encode("ruleId");

    public static JsonEncodedText Trace { get; } = JsonEncodedText.Encode("trace");

    public static JsonEncodedText Code { get; } = JsonEncodedText.Encode("code");

    public static JsonEncodedText Label { get; } = JsonEncodedText.Encode("label");

    public static JsonEncodedText Certainty { get; } = JsonEncodedText.Encode("certainty");

    public static JsonEncodedText Because { get; } = JsonEncodedText.Encode("because");

    public static JsonEncodedText Statement { get; } = JsonEncodedText.Encode("statement");

    public static JsonEncodedText Facts { get; } = JsonEncodedText.Encode("facts");

    public static JsonEncodedText Priority { get; } = JsonEncodedText.Encode("priority");

    public static JsonEncodedText Status { get; } = JsonEncodedText.Encode("status");

    public static JsonEncodedText Reason { get; } = JsonEncodedText.Encode("reason");

    public static JsonEncodedText RiskStratification { get; } = JsonEncodedText.Encode("riskStratification");

    public static JsonEncodedText RiskCategory { get; } = JsonEncodedText.Encode("riskCategory");

    public static JsonEncodedText RiskFactors { get; } = JsonEncodedText.Encode("riskFactors");

    public static JsonEncodedText RiskFactorsCouldRaise { get; } = JsonEncodedText.Encode("riskFactorsCouldRaise");

    public static JsonEncodedText Schedule { get; } = JsonEncodedText.Encode("schedule");

    public static JsonEncodedText Cautions { get; } = JsonEncodedText.Encode("cautions");

    public static JsonEncodedText Tier { get; } = JsonEncodedText.Encode("tier");

    public static JsonEncodedText Fields { get; } = JsonEncodedText.Encode("fields");

    public static JsonEncodedText Text { get; } = JsonEncodedText.Encode("text");

    public static JsonEncodedText Role { get; } = JsonEncodedText.Encode("role");

    public static JsonEncodedText Dose { get; } = JsonEncodedText.Encode("dose");

    public static JsonEncodedText Avoid { get; } = JsonEncodedText.Encode("avoid");

    public static JsonEncodedText CautionTraces { get; } = JsonEncodedText.Encode("cautionTraces");

    public static JsonEncodedText PerKg { get; } = JsonEncodedText.Encode("perKg");

    public static JsonEncodedText PerM2 { get; } = JsonEncodedText.Encode("perM2");

    public static JsonEncodedText WeightKg { get; } = JsonEncodedText.Encode("weightKg");

    public static JsonEncodedText DosingWeightKg { get; } = JsonEncodedText.Encode("dosingWeightKg");

    public static JsonEncodedText BodySurfaceAreaM2 { get; } = JsonEncodedText.Encode("bodySurfaceAreaM2");

    public static JsonEncodedText Population { get; } = JsonEncodedText.Encode("population");

    public static JsonEncodedText AmountLow { get; } = JsonEncodedText.Encode("amountLow");

    public static JsonEncodedText AmountHigh { get; } = JsonEncodedText.Encode("amountHigh");

    public static JsonEncodedText AmountUnit { get; } = JsonEncodedText.Encode("amountUnit");

    public static JsonEncodedText AmountPer { get; } = JsonEncodedText.Encode("amountPer");

    public static JsonEncodedText Field { get; } = JsonEncodedText.Encode("field");

    public static JsonEncodedText Why { get; } = JsonEncodedText.Encode("why");

    public static JsonEncodedText EularAcr2017 { get; } = JsonEncodedText.Encode("eularAcr2017");

    public static JsonEncodedText BiopsyIncluded { get; } = JsonEncodedText.Encode("biopsyIncluded");

    public static JsonEncodedText Score { get; } = JsonEncodedText.Encode("score");

    public static JsonEncodedText Probability { get; } = JsonEncodedText.Encode("probability");

    public static JsonEncodedText Category { get; } = JsonEncodedText.Encode("category");

    public static JsonEncodedText MaxScore { get; } = JsonEncodedText.Encode("maxScore");

    public static JsonEncodedText MaxProbability { get; } = JsonEncodedText.Encode("maxProbability");

    public static JsonEncodedText MaxCategory { get; } = JsonEncodedText.Encode("maxCategory");

    public static JsonEncodedText Subgroup { get; } = JsonEncodedText.Encode("subgroup");

    public static JsonEncodedText Items { get; } = JsonEncodedText.Encode("items");

    public static JsonEncodedText Comparison { get; } = JsonEncodedText.Encode("comparison");

    public static JsonEncodedText Needs { get; } = JsonEncodedText.Encode("needs");

    public static JsonEncodedText Points { get; } = JsonEncodedText.Encode("points");

    public static JsonEncodedText Findings { get; } = JsonEncodedText.Encode("findings");

    public static JsonEncodedText Title { get; } = JsonEncodedText.Encode("title");

    public static JsonEncodedText Source { get; } = JsonEncodedText.Encode("source");

    public static JsonEncodedText Year { get; } = JsonEncodedText.Encode("year");

    public static JsonEncodedText Url { get; } = JsonEncodedText.Encode("url");

    public static JsonEncodedText Kind { get; } = JsonEncodedText.Encode("kind");

    public static JsonEncodedText Version { get; } = JsonEncodedText.Encode("version");

    public static JsonEncodedText Sha256 { get; } = JsonEncodedText.Encode("sha256");

    public static JsonEncodedText Tag { get; } = JsonEncodedText.Encode("tag");

    public static JsonEncodedText Fact { get; } = JsonEncodedText.Encode("fact");

    public static JsonEncodedText Op { get; } = JsonEncodedText.Encode("op");

    public static JsonEncodedText Value { get; } = JsonEncodedText.Encode("value");

    public static JsonEncodedText Param { get; } = JsonEncodedText.Encode("param");

    public static JsonEncodedText Actual { get; } = JsonEncodedText.Encode("actual");

    public static JsonEncodedText All { get; } = JsonEncodedText.Encode("all");

    public static JsonEncodedText Any { get; } = JsonEncodedText.Encode("any");

    public static JsonEncodedText Not { get; } = JsonEncodedText.Encode("not");

    public static JsonEncodedText Ref { get; } = JsonEncodedText.Encode("ref");

    public static JsonEncodedText When { get; } = JsonEncodedText.Encode("when");

    public static JsonEncodedText Result { get; } = JsonEncodedText.Encode("result");
}
