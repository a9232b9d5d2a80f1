using System.Text.Json;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>The answer's items (alerts, reasons, workup, treatment, missing findings), as the serializer writes them.</summary>
internal static class ItemJson
{
    public static void Alerts(Utf8JsonWriter writer, IReadOnlyList<AlertItem> alerts)
    {
        writer.WriteStartArray(AnswerNames.Alerts);
        foreach (var alert in alerts)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Id, EnumText<AlertId>.Of(alert.Id));
            writer.WriteString(AnswerNames.Severity, EnumText<AlertSeverity>.Of(alert.Severity));
            writer.WriteString(AnswerNames.Message, alert.Message);
            writer.WriteString(AnswerNames.RuleId, alert.RuleId);
            TraceJson.Texts(writer, AnswerNames.Citations, alert.Citations);
            TraceJson.Trace(writer, AnswerNames.Trace, alert.Trace);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void Subtype(Utf8JsonWriter writer, SubtypeResult subtype)
    {
        writer.WriteStartObject(AnswerNames.Subtype);
        writer.WriteString(AnswerNames.Code, EnumText<SubtypeCode>.Of(subtype.Code));
        writer.WriteString(AnswerNames.Label, subtype.Label);
        writer.WriteString(AnswerNames.Certainty, EnumText<Certainty>.Of(subtype.Certainty));
        writer.WriteStartArray(AnswerNames.Because);
        foreach (var reason in subtype.Because)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.RuleId, reason.RuleId);
            writer.WriteString(AnswerNames.Statement, reason.Statement);
            TraceJson.Facts(writer, reason.Facts);
            TraceJson.Texts(writer, AnswerNames.Citations, reason.Citations);
            TraceJson.Trace(writer, AnswerNames.Trace, reason.Trace);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Workup(Utf8JsonWriter writer, IReadOnlyList<WorkupItem> workup)
    {
        writer.WriteStartArray(AnswerNames.Workup);
        foreach (var item in workup)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Id, EnumText<WorkupId>.Of(item.Id));
            writer.WriteString(AnswerNames.Label, item.Label);
            writer.WriteString(AnswerNames.Priority, EnumText<WorkupPriority>.Of(item.Priority));
            writer.WriteString(AnswerNames.Status, EnumText<WorkupStatus>.Of(item.Status));
            writer.WriteString(AnswerNames.Reason, item.Reason);
            writer.WriteString(AnswerNames.RuleId, item.RuleId);
            TraceJson.Texts(writer, AnswerNames.Citations, item.Citations);
            TraceJson.Trace(writer, AnswerNames.Trace, item.Trace);
            TraceJson.Text(writer, AnswerNames.RiskStratification, item.RiskStratification);
            TraceJson.Text(writer, AnswerNames.RiskCategory, item.RiskCategory);
            RiskFactors(writer, AnswerNames.RiskFactors, item.RiskFactors);
            RiskFactors(writer, AnswerNames.RiskFactorsCouldRaise, item.RiskFactorsCouldRaise);
            if (item.Schedule is { } schedule)
            {
                writer.WriteStartArray(AnswerNames.Schedule);
                foreach (var step in schedule)
                {
                    writer.WriteStartObject();
                    writer.WriteString(AnswerNames.Id, step.Id);
                    writer.WriteString(AnswerNames.Text, step.Text);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            TraceJson.Texts(writer, AnswerNames.Cautions, item.Cautions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void Treatment(Utf8JsonWriter writer, IReadOnlyList<TreatmentOption> treatment)
    {
        writer.WriteStartArray(AnswerNames.Treatment);
        foreach (var option in treatment)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Id, EnumText<TreatmentId>.Of(option.Id));
            writer.WriteString(AnswerNames.Label, option.Label);
            writer.WriteString(AnswerNames.Role, EnumText<TreatmentRole>.Of(option.Role));
            Dose(writer, option.Dose);
            TraceJson.Texts(writer, AnswerNames.Cautions, option.Cautions);
            writer.WriteBoolean(AnswerNames.Avoid, option.Avoid);
            writer.WriteString(AnswerNames.RuleId, option.RuleId);
            TraceJson.Texts(writer, AnswerNames.Citations, option.Citations);
            TraceJson.Trace(writer, AnswerNames.Trace, option.Trace);
            if (option.CautionTraces is { } cautions)
            {
                writer.WriteStartArray(AnswerNames.CautionTraces);
                foreach (var caution in cautions)
                {
                    writer.WriteStartObject();
                    writer.WriteString(AnswerNames.Text, caution.Text);
                    TraceJson.Trace(writer, AnswerNames.Trace, caution.Trace);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void Missing(Utf8JsonWriter writer, IReadOnlyList<MissingItem> missing)
    {
        writer.WriteStartArray(AnswerNames.Missing);
        foreach (var item in missing)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Field, item.Field);
            writer.WriteString(AnswerNames.Why, item.Why);
            TraceJson.Texts(writer, AnswerNames.Citations, item.Citations);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Dose(Utf8JsonWriter writer, DoseText? dose)
    {
        if (dose is null)
        {
            return;
        }

        writer.WriteStartObject(AnswerNames.Dose);
        writer.WriteString(AnswerNames.Text, dose.Text);
        TraceJson.Text(writer, AnswerNames.PerKg, dose.PerKg);
        TraceJson.Text(writer, AnswerNames.PerM2, dose.PerM2);
        TraceJson.Number(writer, AnswerNames.WeightKg, dose.WeightKg);
        TraceJson.Number(writer, AnswerNames.DosingWeightKg, dose.DosingWeightKg);
        TraceJson.Number(writer, AnswerNames.BodySurfaceAreaM2, dose.BodySurfaceAreaM2);
        TraceJson.Text(writer, AnswerNames.Population, dose.Population);
        TraceJson.Number(writer, AnswerNames.AmountLow, dose.AmountLow);
        TraceJson.Number(writer, AnswerNames.AmountHigh, dose.AmountHigh);
        TraceJson.Text(writer, AnswerNames.AmountUnit, dose.AmountUnit);
        TraceJson.Text(writer, AnswerNames.AmountPer, dose.AmountPer);
        writer.WriteEndObject();
    }

    private static void RiskFactors(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<RiskFactorItem>? factors)
    {
        if (factors is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var factor in factors)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Id, factor.Id);
            writer.WriteString(AnswerNames.Label, factor.Label);
            writer.WriteString(AnswerNames.Tier, factor.Tier);
            TraceJson.Texts(writer, AnswerNames.Fields, factor.Fields);
            TraceJson.Texts(writer, AnswerNames.Citations, factor.Citations);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
