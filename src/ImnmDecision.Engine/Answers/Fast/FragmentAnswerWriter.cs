using System.Buffers;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>
/// The single endpoint's answer writer: the answer's records written field by field in the serializer's order
/// with a Utf8JsonWriter straight into the output (a response's PipeWriter), no reflection and no intermediate
/// copy; property names and enum spellings encoded once, the ruleset's texts encoded once (<see cref="RulesetTexts"/>),
/// each cited source's JSON written once per ruleset and copied after, the rule traces written straight from the
/// rules' conditions and the case's facts (<see cref="ConditionJson"/>), and what is the same for every case copied
/// from JSON written once (<see cref="SharedItemJson"/>, <see cref="WorkupStart"/>). Writes the same bytes as
/// <see cref="SerializerAnswerWriter"/> (the differential test holds it to
/// that for every golden case, a generated cohort and the edge values of every field).
/// </summary>
public sealed class FragmentAnswerWriter : IAnswerWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly CitationFragments citations = new();
    private readonly RulesetTexts texts = new();

    public string Name => "fragments";

    public void Write(IBufferWriter<byte> output, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(assessment);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        SharedTraces.Begin();
        writer.WriteStartObject();
        writer.WriteString(AnswerNames.AssessmentId, assessment.AssessmentId);
        TraceJson.Text(texts, writer, AnswerNames.CaseId, assessment.CaseId);
        writer.WriteString(AnswerNames.Summary, assessment.Summary);
        ItemJson.Alerts(texts, writer, assessment.Alerts);
        ItemJson.Subtype(texts, writer, assessment.Subtype);
        ItemJson.Workup(texts, writer, assessment.Workup);
        ItemJson.Treatment(texts, writer, assessment.Treatment);
        ItemJson.Missing(texts, writer, assessment.Missing);
        ClassificationJson.Write(texts, writer, assessment.Classification);
        writer.WriteStartArray(AnswerNames.Citations);
        foreach (var entry in assessment.Citations)
        {
            writer.WriteRawValue(citations.Of(entry), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteStartObject(AnswerNames.Ruleset);
        writer.WriteString(AnswerNames.Id, assessment.Ruleset.Id);
        writer.WriteString(AnswerNames.Version, assessment.Ruleset.Version);
        writer.WriteString(AnswerNames.Sha256, assessment.Ruleset.Sha256);
        writer.WriteString(AnswerNames.Tag, assessment.Ruleset.Tag);
        writer.WriteEndObject();
        texts.Write(writer, AnswerNames.Disclaimer, assessment.Disclaimer);
        writer.WriteEndObject();
    }
}
