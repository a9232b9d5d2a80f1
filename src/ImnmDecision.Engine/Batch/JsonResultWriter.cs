using System.Buffers;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Results as NDJSON (one object per line, the summary last) or as a JSON array (the same objects, the
/// summary as the last element). Scored rows are written byte by byte from pre-encoded names; error rows and
/// the summary go through System.Text.Json with the contract's options.
/// </summary>
internal sealed class JsonResultWriter(IBufferWriter<byte> output, bool asArray) : ResultWriter(output)
{
    private static readonly byte[][] SubtypeNames = Quoted(Utf8Names<SubtypeCode>.Names);
    private static readonly byte[][] CertaintyNames = Quoted(Utf8Names<Certainty>.Names);
    private static readonly byte[][] AlertNames = Quoted(Utf8Names<AlertId>.Names);
    private static readonly byte[][] WorkupNames = Quoted(Utf8Names<WorkupId>.Names);
    private static readonly byte[][] TreatmentNames = Quoted(Utf8Names<TreatmentId>.Names);
    private static readonly byte[][] QuotedMissingNames = Quoted(MissingNames);

    private readonly Utf8JsonWriter json = new(output, new JsonWriterOptions { Encoder = ImnmJson.Options.Encoder, SkipValidation = false });
    public override void WriteStart()
    {
        if (asArray)
        {
            var span = Output.GetSpan(1);
            span[0] = (byte)'[';
            Output.Advance(1);
        }
    }

    public override void WriteResult(long line, string? caseId, Evaluation.Evaluation evaluation)
    {
        var lists = new Lists
        {
            Alerts = stackalloc AlertId[Evaluation.Evaluation.MaxAlerts],
            Workup = stackalloc WorkupId[Evaluation.Evaluation.MaxWorkup],
            Treatment = stackalloc TreatmentId[Evaluation.Evaluation.MaxTreatment],
            Avoid = stackalloc bool[Evaluation.Evaluation.MaxTreatment],
        };
        Lists.Fill(evaluation, ref lists);

        var span = Output.GetSpan(RowBytes);
        var p = 0;
        WritePrefix(span, ref p);
        Utf8Text.Write(span, ref p, "{\"line\":"u8);
        Utf8Text.Write(span, ref p, line);
        if (caseId is not null)
        {
            Utf8Text.Write(span, ref p, ",\"caseId\":"u8);
            Utf8Text.WriteJsonString(span, ref p, caseId);
        }

        Utf8Text.Write(span, ref p, ",\"subtype\":"u8);
        Utf8Text.Write(span, ref p, SubtypeNames[(int)evaluation.Subtype]);
        Utf8Text.Write(span, ref p, ",\"certainty\":"u8);
        Utf8Text.Write(span, ref p, CertaintyNames[(int)evaluation.Certainty]);
        Utf8Text.Write(span, ref p, ",\"alerts\":["u8);
        for (var i = 0; i < lists.Alerts.Length; i++)
        {
            Separator(span, ref p, i);
            Utf8Text.Write(span, ref p, AlertNames[(int)lists.Alerts[i]]);
        }

        Utf8Text.Write(span, ref p, "],\"workup\":["u8);
        for (var i = 0; i < lists.Workup.Length; i++)
        {
            Separator(span, ref p, i);
            Utf8Text.Write(span, ref p, WorkupNames[(int)lists.Workup[i]]);
        }

        Utf8Text.Write(span, ref p, "],\"treatment\":["u8);
        for (var i = 0; i < lists.Treatment.Length; i++)
        {
            Separator(span, ref p, i);
            Utf8Text.Write(span, ref p, TreatmentNames[(int)lists.Treatment[i]]);
        }

        Utf8Text.Write(span, ref p, "],\"avoid\":["u8);
        for (int i = 0, n = 0; i < lists.Treatment.Length; i++)
        {
            if (lists.Avoid[i])
            {
                Separator(span, ref p, n++);
                Utf8Text.Write(span, ref p, TreatmentNames[(int)lists.Treatment[i]]);
            }
        }

        Utf8Text.Write(span, ref p, "],\"missing\":["u8);
        var missing = evaluation.MissingFields;
        for (var n = 0; missing != 0; n++)
        {
            var bit = System.Numerics.BitOperations.TrailingZeroCount(missing);
            missing &= missing - 1;
            Separator(span, ref p, n);
            Utf8Text.Write(span, ref p, QuotedMissingNames[bit]);
        }

        Utf8Text.Write(span, ref p, "]}"u8);
        WriteSuffix(span, ref p);
        Output.Advance(p);
    }

    public override void WriteError(long line, string? caseId, BatchProblem problem)
    {
        WritePrefix();
        json.Reset(Output);
        json.WriteStartObject();
        json.WriteNumber("line"u8, line);
        if (caseId is not null)
        {
            json.WriteString("caseId"u8, caseId);
        }

        json.WritePropertyName("error"u8);
        JsonSerializer.Serialize(json, problem, ImnmJson.Options);
        json.WriteEndObject();
        json.Flush();
        WriteSuffix();
    }

    public override void WriteSummary(BatchSummary summary)
    {
        WritePrefix();
        json.Reset(Output);
        JsonSerializer.Serialize(json, new BatchSummaryElement { Summary = summary }, ImnmJson.Options);
        json.Flush();
        WriteSuffix();
        if (asArray)
        {
            var span = Output.GetSpan(3);
            "\n]\n"u8.CopyTo(span);
            Output.Advance(3);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            json.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void Separator(Span<byte> span, ref int p, int index)
    {
        if (index > 0)
        {
            span[p++] = (byte)',';
        }
    }

    private void WritePrefix(Span<byte> span, ref int p)
    {
        if (!asArray)
        {
            return;
        }

        if (!AtFirstRow)
        {
            span[p++] = (byte)',';
        }

        span[p++] = (byte)'\n';
        AtFirstRow = false;
    }

    private void WritePrefix()
    {
        var span = Output.GetSpan(2);
        var p = 0;
        WritePrefix(span, ref p);
        Output.Advance(p);
    }

    private void WriteSuffix(Span<byte> span, ref int p)
    {
        if (!asArray)
        {
            span[p++] = (byte)'\n';
        }
    }

    private void WriteSuffix()
    {
        var span = Output.GetSpan(1);
        var p = 0;
        WriteSuffix(span, ref p);
        Output.Advance(p);
    }

    private static byte[][] Quoted(byte[][] names) => [.. names.Select(n => (byte[])[(byte)'"', .. n, (byte)'"'])];
}
