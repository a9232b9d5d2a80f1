using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImnmDecision.Engine.Classification;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Results as NDJSON (one object per line, the summary last) or as a JSON array (the same objects, the
/// summary as the last element). Scored rows are written byte by byte from pre-encoded names; error rows and
/// the summary go through System.Text.Json with the contract's options.
/// </summary>
internal sealed class JsonResultWriter(IBufferWriter<byte> output, bool asArray) : ResultWriter(output)
{
    /// <summary>A row of NDJSON ends its line; an element of an array is followed by a comma or the end.</summary>
    private static readonly AnswerSyntax OnItsLine = Answer("}\n"u8.ToArray());
    private static readonly AnswerSyntax InArray = Answer("}"u8.ToArray());

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

    protected override AnswerSyntax Syntax => asArray ? InArray : OnItsLine;

    [MethodImpl(PerRow.Optimized)]
    protected override void WriteRowStart(Span<byte> span, ref int p, long line, string? caseId)
    {
        WritePrefix(span, ref p);
        Utf8Text.Write(span, ref p, "{\"line\":"u8);
        Utf8Text.Write(span, ref p, line);
        if (caseId is not null)
        {
            Utf8Text.Write(span, ref p, ",\"caseId\":"u8);
            Utf8Text.WriteJsonString(span, ref p, caseId);
        }
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

    protected override int ClassificationBytes(ClassificationColumns columns) => columns.MaxBytes + 64;

    /// <summary>Closes the missing list, then the classification as the single-case answer nests it (without its static texts).</summary>
    [MethodImpl(PerRow.Optimized)]
    protected override void WriteClassification(Span<byte> span, ref int p, ClassificationColumns? columns, ClassificationDecisions? classification)
    {
        span[p++] = (byte)']';
        if (classification is null)
        {
            return;
        }

        Utf8Text.Write(span, ref p, ",\"classification\":{\"eularAcr2017\":"u8);
        columns!.WriteJson(span, ref p, classification);
        span[p++] = (byte)'}';
    }

    private static AnswerSyntax Answer(byte[] end) => new(name => [(byte)'"', .. name, (byte)'"'])
    {
        BeforeSubtype = ",\"subtype\":"u8.ToArray(),
        BeforeCertainty = ",\"certainty\":"u8.ToArray(),
        BeforeAlerts = ",\"alerts\":["u8.ToArray(),
        BeforeWorkup = "],\"workup\":["u8.ToArray(),
        BeforeTreatment = "],\"treatment\":["u8.ToArray(),
        BeforeAvoid = "],\"avoid\":["u8.ToArray(),
        BeforeMissing = "],\"missing\":["u8.ToArray(),
        End = end,
        ItemSeparator = (byte)',',
    };
}
