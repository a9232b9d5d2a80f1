using ImnmDecision.Api.Batch;
using ImnmDecision.Api.Hosting;
using ImnmDecision.Api.Http;
using ImnmDecision.Api.Problems;
using ImnmDecision.Api.Security;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImnmDecision.Api.Endpoints;

/// <summary>POST /api/v1/assessments/batch: many cases in, streamed results out (JSON array, NDJSON or CSV).</summary>
internal static class BatchEndpoints
{
    public static RouteGroupBuilder MapBatch(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var configuration = ((IEndpointRouteBuilder)v1).ServiceProvider.GetRequiredService<IConfiguration>();
        var options = configuration.GetSection(BatchOptions.Section).Get<BatchOptions>() ?? new BatchOptions();
        if (options.MaxRows <= 0 || options.MaxRecordBytes <= 0 || options.FlushBytes <= 0)
        {
            throw new InvalidSettingException("Batch:MaxRows, Batch:MaxRecordBytes and Batch:FlushBytes must be above 0.");
        }

        v1.MapPost("/assessments/batch", AssessBatch)
            .WithName("AssessBatch")
            .WithTags("Batch")
            .RequireAuthorization(ApiPolicies.Batch)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithMetadata(new UnlimitedRequestBody(), options)
            .Accepts<IReadOnlyList<Findings>>(BatchFormats.JsonMediaType, BatchFormats.NdjsonMediaType, BatchFormats.CsvMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return v1;
    }

    /// <summary>Score an anonymized cohort: many cases in, one result row per case streamed out, then a summary</summary>
    /// <remarks>
    /// For research cohorts of any size. Send the cases in one of three formats:
    /// <para>application/json: a JSON array of findings (each the body of POST /api/v1/assessments); the answer is a JSON array.</para>
    /// <para>application/x-ndjson: one findings object per line; the answer is NDJSON, one result per line, streamed as each case
    /// is scored, so the first result leaves before the last case arrives. Read the answer while you upload (curl does).</para>
    /// <para>text/csv: a header row of flat column names, the JSON paths (caseId, patient.ageYears, ck.value, antibodies.hmgcr,
    /// statin.exposure, ...; any subset, any order), then one case per row. An empty cell is "not known";
    /// antibodies.otherMyositisSpecific lists antibodies as jo1;mi2, or none when the panel was done and none was positive.
    /// The answer is CSV. For any input, Accept (text/csv, application/x-ndjson or application/json) chooses the answer's format.</para>
    /// <para>Each result row holds the case's line, the caseId as sent, the subtype, the certainty and the ids of the alerts,
    /// outstanding workup items, treatment options (and those to avoid) and missing fields, in the order of the single-case
    /// answer. Findings are never echoed. A row that cannot be read or breaks a field rule carries error: a problem document with
    /// its line and the JSON path of each field; the other rows go on. The last element is {"summary": ...}: rows, scored,
    /// failed, the count per subtype code and the ruleset (id, version, sha256, tag). In CSV the summary is the row whose
    /// caseId is #summary and whose line is empty, with key=value pairs in its subtype column.</para>
    /// <para>Cohorts must be anonymized: a column or property named like a direct identifier (name, mrn, ssn, dob, birthDate,
    /// address, phone, email, also as patient.name or patient_name) refuses the whole batch with 400 before any row is scored.
    /// For JSON and NDJSON the first case decides; a later case with such a property is refused alone, as an error row.</para>
    /// <para>CSV answers are safe to open in a spreadsheet: a cell starting with =, +, -, @, a tab or a carriage return (a caseId, an
    /// error message) is prefixed with ' unless it is a number; ?rawCsv=true gives the bytes as sent, for pipelines.</para>
    /// <para>Pin the ruleset with the query string ?rulesetVersion=id%40version%2Bsha (or the X-Ruleset-Version header): a
    /// mismatch is 409 and nothing is read. The body has no byte limit; at most Batch:MaxRows rows are scored: 413 when the
    /// limit is reached before the first result left, otherwise a final 413 error row and a summary marked truncated. Memory
    /// stays flat however many rows arrive; a client that disconnects stops the work.</para>
    /// </remarks>
    /// <response code="200">One result row per case in input order, then the summary, in the format negotiated by Accept (default: the input's).</response>
    /// <response code="400">The cohort is not anonymized, the CSV header is missing or has unknown or repeated columns, or the JSON body is not an array; nothing was scored.</response>
    /// <response code="406">Accept allows none of application/json, application/x-ndjson and text/csv.</response>
    /// <response code="409">The request pinned another ruleset (rulesetVersion or X-Ruleset-Version); nothing was read.</response>
    /// <response code="413">More rows than Batch:MaxRows arrived before the first result was sent; nothing was scored.</response>
    /// <response code="415">The body is not application/json, application/x-ndjson or text/csv (UTF-8), or is CSV declared without a header row (header=absent).</response>
    /// <response code="500">The server failed; the answer holds a traceId and nothing of the request.</response>
    /// <param name="context">The request: its body is read as it arrives.</param>
    /// <param name="rawCsv">CSV answers only: true to get caseIds and messages as sent. By default a cell that a spreadsheet would
    /// read as a formula (it starts with =, +, -, @, a tab or a carriage return and is not a number) is prefixed with '.</param>
    private static Results<BatchStreamResult, BatchProblemResult> AssessBatch(HttpContext context, bool? rawCsv)
    {
        var options = context.GetEndpoint()?.Metadata.GetMetadata<BatchOptions>() ?? new BatchOptions();
        AnswerNegotiation.VaryOnAccept(context.Response);
        if (BatchNegotiation.InputFormat(context.Request) is not { } input)
        {
            return new BatchProblemResult(ApiProblems.Create(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                "Send the cohort as application/json (a JSON array of cases), application/x-ndjson (one case per line) or text/csv (a header row, then one case per row), in UTF-8, uncompressed (no Content-Encoding, no Transfer-Encoding but chunked)."));
        }

        if (input == BatchFormat.Csv && BatchNegotiation.DeclaresNoCsvHeader(context.Request))
        {
            return new BatchProblemResult(ApiProblems.Create(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                "A CSV cohort needs a header row naming its columns: send it with one (text/csv, or text/csv; header=present), not header=absent."));
        }

        if (BatchNegotiation.OutputFormat(context.Request, input) is not { } output)
        {
            return new BatchProblemResult(ApiProblems.NotAcceptable(
                "The batch answers application/json, application/x-ndjson or text/csv; the Accept header allows none of them."));
        }

        return new BatchStreamResult(input, output, options with { RawCsv = rawCsv == true });
    }
}
