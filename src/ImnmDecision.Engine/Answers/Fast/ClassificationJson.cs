using System.Text.Json;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>The answer's <c>classification</c>, as the serializer writes it.</summary>
internal static class ClassificationJson
{
    public static void Write(RulesetTexts texts, Utf8JsonWriter writer, Classifications? classification)
    {
        if (classification is null)
        {
            return;
        }

        writer.WriteStartObject(AnswerNames.Classification);
        var result = classification.EularAcr2017;
        writer.WriteStartObject(AnswerNames.EularAcr2017);
        writer.WriteBoolean(AnswerNames.BiopsyIncluded, result.BiopsyIncluded);
        writer.WriteNumber(AnswerNames.Score, result.Score);
        writer.WriteNumber(AnswerNames.Probability, result.Probability);
        writer.WriteString(AnswerNames.Category, EnumText<ClassificationCategory>.Of(result.Category));
        writer.WriteNumber(AnswerNames.MaxScore, result.MaxScore);
        writer.WriteNumber(AnswerNames.MaxProbability, result.MaxProbability);
        writer.WriteString(AnswerNames.MaxCategory, EnumText<ClassificationCategory>.Of(result.MaxCategory));
        Subgroup(texts, writer, result.Subgroup);
        writer.WriteStartArray(AnswerNames.Items);
        foreach (var item in result.Items)
        {
            SharedItemJson.Write(writer, item, Item);
        }

        writer.WriteEndArray();
        TraceJson.Text(texts, writer, AnswerNames.Comparison, result.Comparison);
        TraceJson.Texts(texts, writer, AnswerNames.Citations, result.Citations);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Item(RulesetTexts texts, Utf8JsonWriter writer, ClassificationItemResult item)
    {
        writer.WriteStartObject();
        texts.Write(writer, AnswerNames.Id, item.Id);
        TraceJson.Text(texts, writer, AnswerNames.Label, item.Label);
        writer.WriteNumber(AnswerNames.Points, item.Points);
        writer.WriteString(AnswerNames.Status, EnumText<ClassificationItemStatus>.Of(item.Status));
        TraceJson.Texts(texts, writer, AnswerNames.Findings, item.Findings);
        TraceJson.Texts(texts, writer, AnswerNames.Citations, item.Citations);
        writer.WriteEndObject();
    }

    private static void Subgroup(RulesetTexts texts, Utf8JsonWriter writer, ClassificationSubgroupResult subgroup)
    {
        writer.WriteStartObject(AnswerNames.Subgroup);
        writer.WriteString(AnswerNames.Code, EnumText<ClassificationSubgroup>.Of(subgroup.Code));
        TraceJson.Text(texts, writer, AnswerNames.Label, subgroup.Label);
        TraceJson.Texts(texts, writer, AnswerNames.Needs, subgroup.Needs);
        TraceJson.Texts(texts, writer, AnswerNames.Citations, subgroup.Citations);
        writer.WriteEndObject();
    }
}
