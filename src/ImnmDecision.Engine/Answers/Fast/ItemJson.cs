using System.Text.Json;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>The answer's items (alerts, reasons, workup, treatment, missing findings), as the serializer writes them.</summary>
internal static class ItemJson
{
    public static void Alerts(RulesetTexts texts, Utf8JsonWriter writer, IReadOnlyList<AlertItem> alerts)
    {
        writer.WriteStartArray(AnswerNames.Alerts);
        foreach (var alert in alerts)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Id, EnumText<AlertId>.Of(alert.Id));
            writer.WriteString(AnswerNames.Severity, EnumText<AlertSeverity>.Of(alert.Severity));
            texts.Write(writer, AnswerNames.Message, alert.Message);
            texts.Write(writer, AnswerNames.RuleId, alert.RuleId);
            TraceJson.Texts(texts, writer, AnswerNames.Citations, alert.Citations);
            TraceJson.Trace(texts, writer, AnswerNames.Trace, alert.Traced);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void Subtype(RulesetTexts texts, Utf8JsonWriter writer, SubtypeResult subtype)
    {
        writer.WriteStartObject(AnswerNames.Subtype);
        writer.WriteString(AnswerNames.Code, EnumText<SubtypeCode>.Of(subtype.Code));
        texts.Write(writer, AnswerNames.Label, subtype.Label);
        writer.WriteString(AnswerNames.Certainty, EnumText<Certainty>.Of(subtype.Certainty));
        writer.WriteStartArray(AnswerNames.Because);
        foreach (var reason in subtype.Because)
        {
            writer.WriteStartObject();
            texts.Write(writer, AnswerNames.RuleId, reason.RuleId);
            texts.Write(writer, AnswerNames.Statement, reason.Statement);
            TraceJson.Facts(texts, writer, reason.Facts);
            TraceJson.Texts(texts, writer, AnswerNames.Citations, reason.Citations);
            TraceJson.Trace(texts, writer, AnswerNames.Trace, reason.Traced);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Workup(RulesetTexts texts, Utf8JsonWriter writer, IReadOnlyList<WorkupItem> workup)
    {
        writer.WriteStartArray(AnswerNames.Workup);
        foreach (var item in workup)
        {
            if (WorkupStart.Applies(item))
            {
                // Its rule's fixed start, then its trace, as one copy.
                ConditionJson.WriteItem(writer, WorkupStart.Of(texts, item), item.Traced.Source!);
                continue;
            }

            writer.WriteStartObject();
            WorkupFields(texts, writer, item);
            TraceJson.Trace(texts, writer, AnswerNames.Trace, item.Traced);
            TraceJson.Text(texts, writer, AnswerNames.RiskStratification, item.RiskStratification);
            TraceJson.Text(texts, writer, AnswerNames.RiskCategory, item.RiskCategory);
            RiskFactors(texts, writer, AnswerNames.RiskFactors, item.RiskFactors);
            RiskFactors(texts, writer, AnswerNames.RiskFactorsCouldRaise, item.RiskFactorsCouldRaise);
            if (item.Schedule is { } schedule)
            {
                writer.WriteStartArray(AnswerNames.Schedule);
                foreach (var step in schedule)
                {
                    SharedItemJson.Write(writer, step, ScheduleStep);
                }

                writer.WriteEndArray();
            }

            TraceJson.Texts(texts, writer, AnswerNames.Cautions, item.Cautions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>A workup item's fields before its trace.</summary>
    public static void WorkupFields(RulesetTexts texts, Utf8JsonWriter writer, WorkupItem item)
    {
        writer.WriteString(AnswerNames.Id, EnumText<WorkupId>.Of(item.Id));
        texts.Write(writer, AnswerNames.Label, item.Label);
        writer.WriteString(AnswerNames.Priority, EnumText<WorkupPriority>.Of(item.Priority));
        writer.WriteString(AnswerNames.Status, EnumText<WorkupStatus>.Of(item.Status));
        texts.Write(writer, AnswerNames.Reason, item.Reason);
        texts.Write(writer, AnswerNames.RuleId, item.RuleId);
        TraceJson.Texts(texts, writer, AnswerNames.Citations, item.Citations);
    }

    public static void Treatment(RulesetTexts texts, Utf8JsonWriter writer, IReadOnlyList<TreatmentOption> treatment)
    {
        writer.WriteStartArray(AnswerNames.Treatment);
        foreach (var option in treatment)
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerNames.Id, EnumText<TreatmentId>.Of(option.Id));
            texts.Write(writer, AnswerNames.Label, option.Label);
            writer.WriteString(AnswerNames.Role, EnumText<TreatmentRole>.Of(option.Role));
            Dose(texts, writer, option.Dose);
            TraceJson.Texts(texts, writer, AnswerNames.Cautions, option.Cautions);
            writer.WriteBoolean(AnswerNames.Avoid, option.Avoid);
            texts.Write(writer, AnswerNames.RuleId, option.RuleId);
            TraceJson.Texts(texts, writer, AnswerNames.Citations, option.Citations);
            TraceJson.Trace(texts, writer, AnswerNames.Trace, option.Traced);
            if (option.CautionTraces is { } cautions)
            {
                writer.WriteStartArray(AnswerNames.CautionTraces);
                foreach (var caution in cautions)
                {
                    writer.WriteStartObject();
                    texts.Write(writer, AnswerNames.Text, caution.Text);
                    TraceJson.Trace(texts, writer, AnswerNames.Trace, caution.Traced);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void Missing(RulesetTexts texts, Utf8JsonWriter writer, IReadOnlyList<MissingItem> missing)
    {
        writer.WriteStartArray(AnswerNames.Missing);
        foreach (var item in missing)
        {
            SharedItemJson.Write(writer, item, MissingItem);
        }

        writer.WriteEndArray();
    }

    private static void ScheduleStep(RulesetTexts texts, Utf8JsonWriter writer, ScheduleItem step)
    {
        writer.WriteStartObject();
        texts.Write(writer, AnswerNames.Id, step.Id);
        texts.Write(writer, AnswerNames.Text, step.Text);
        writer.WriteEndObject();
    }

    private static void MissingItem(RulesetTexts texts, Utf8JsonWriter writer, MissingItem item)
    {
        writer.WriteStartObject();
        texts.Write(writer, AnswerNames.Field, item.Field);
        texts.Write(writer, AnswerNames.Why, item.Why);
        TraceJson.Texts(texts, writer, AnswerNames.Citations, item.Citations);
        writer.WriteEndObject();
    }

    private static void Dose(RulesetTexts texts, Utf8JsonWriter writer, DoseText? dose)
    {
        if (dose is null)
        {
            return;
        }

        writer.WritePropertyName(AnswerNames.Dose);
        if (DoseFormatter.IsShared(dose))
        {
            SharedItemJson.Write(writer, dose, DoseObject);
        }
        else
        {
            DoseObject(texts, writer, dose);
        }
    }

    private static void DoseObject(RulesetTexts texts, Utf8JsonWriter writer, DoseText dose)
    {
        writer.WriteStartObject();
        texts.Write(writer, AnswerNames.Text, dose.Text);
        TraceJson.Text(texts, writer, AnswerNames.PerKg, dose.PerKg);
        TraceJson.Text(texts, writer, AnswerNames.PerM2, dose.PerM2);
        TraceJson.Number(writer, AnswerNames.WeightKg, dose.WeightKg);
        TraceJson.Number(writer, AnswerNames.DosingWeightKg, dose.DosingWeightKg);
        TraceJson.Number(writer, AnswerNames.BodySurfaceAreaM2, dose.BodySurfaceAreaM2);
        TraceJson.Text(texts, writer, AnswerNames.Population, dose.Population);
        TraceJson.Number(writer, AnswerNames.AmountLow, dose.AmountLow);
        TraceJson.Number(writer, AnswerNames.AmountHigh, dose.AmountHigh);
        TraceJson.Text(texts, writer, AnswerNames.AmountUnit, dose.AmountUnit);
        TraceJson.Text(texts, writer, AnswerNames.AmountPer, dose.AmountPer);
        writer.WriteEndObject();
    }

    private static void RiskFactors(RulesetTexts texts, Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<RiskFactorItem>? factors)
    {
        if (factors is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var factor in factors)
        {
            writer.WriteStartObject();
            texts.Write(writer, AnswerNames.Id, factor.Id);
            texts.Write(writer, AnswerNames.Label, factor.Label);
            texts.Write(writer, AnswerNames.Tier, factor.Tier);
            TraceJson.Texts(texts, writer, AnswerNames.Fields, factor.Fields);
            TraceJson.Texts(texts, writer, AnswerNames.Citations, factor.Citations);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
