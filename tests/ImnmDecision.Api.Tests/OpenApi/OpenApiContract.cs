extern alias JsonEverything;

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;
using JsonEverything::Json.Schema;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// The committed contract, <c>openapi/v1.json</c>, as a checker of real answers: the status code must be one the
/// operation documents, the media type one that status documents, every required header present and every documented
/// header sent valid, and
/// the body valid against the documented schema (JSON Schema 2020-12, strict: no undocumented property; NDJSON line by
/// line against the array's item schema).
/// </summary>
internal sealed class OpenApiContract
{
    private const string JsonMediaType = "application/json";
    private const string ProblemMediaType = "application/problem+json";
    private const string NdjsonMediaType = "application/x-ndjson";

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private static int built;

    private readonly JsonObject definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);

    private OpenApiContract(JsonNode document, params string[] closed)
    {
        Document = document;
        definitions = OpenApiSchemaConverter.Definitions(document, strict: true);
        foreach (var name in closed)
        {
            definitions[name]!["additionalProperties"] = false;
        }
    }

    /// <summary>
    /// openapi/v1.json as committed. Stricter than its schemas on one point: the problem documents allow extension
    /// members (RFC 9457), but every member the service sends must be documented, so they are checked closed too.
    /// </summary>
    public static OpenApiContract Committed { get; } = new(JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!, "ProblemDetails", "HttpValidationProblemDetails");

    public JsonNode Document { get; }

    /// <summary>A contract from a document held in memory (the checker's own tests).</summary>
    public static OpenApiContract From(JsonNode document) => new(document);

    /// <summary>Every way the answer departs from the operation's documented answers; empty when it conforms.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string method, string pathTemplate, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        return Check(method, pathTemplate, response, body);
    }

    /// <summary>Every way the answer (with its body already read) departs from the operation's documented answers.</summary>
    public IReadOnlyList<string> Check(string method, string pathTemplate, HttpResponseMessage response, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var where = $"{method.ToUpperInvariant()} {pathTemplate} {(int)response.StatusCode}";
        if (Document["paths"]?[pathTemplate]?[method.ToLowerInvariant()] is not { } operation)
        {
            return [$"{where}: the operation is not in the document"];
        }

        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((operation["responses"]?[status] ?? operation["responses"]?["default"]) is not { } documented)
        {
            return [$"{where}: the status code is not documented for the operation"];
        }

        var failures = new List<string>();
        foreach (var (name, header) in documented["headers"]?.AsObject() ?? [])
        {
            failures.AddRange(CheckHeader(where, response, name, header!));
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (documented["content"] is not JsonObject content)
        {
            if (body.Length > 0)
            {
                failures.Add($"{where}: a body ({mediaType}) where the document gives none");
            }

            return failures;
        }

        if (mediaType is null || content[mediaType] is not { } media)
        {
            failures.Add($"{where}: media type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content.Select(c => c.Key))})");
            return failures;
        }

        if (media["schema"] is not { } schema)
        {
            return failures;
        }

        if (mediaType is JsonMediaType or ProblemMediaType || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            failures.AddRange(Validate(where, schema, body));
        }
        else if (mediaType == NdjsonMediaType)
        {
            var itemSchema = schema["type"]?.GetValue<string>() == "array" ? schema["items"]! : schema;
            var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                failures.AddRange(Validate($"{where} NDJSON line {i + 1}", itemSchema, lines[i]));
            }
        }

        return failures;
    }

    /// <summary>Every way a JSON text departs from an OpenAPI schema (with the document's components).</summary>
    public IReadOnlyList<string> Validate(string where, JsonNode openApiSchema, string json)
    {
        ArgumentNullException.ThrowIfNull(openApiSchema);
        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [$"{where}: the body is not JSON ({e.Message})"];
        }

        using (instance)
        {
            var results = SchemaFor(openApiSchema).Evaluate(instance.RootElement, Evaluation);
            if (results.IsValid)
            {
                return [];
            }

            var errors = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{where}: {d.InstanceLocation} ({d.EvaluationPath}) {e.Key}: {e.Value}"))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return errors.Count > 0 ? errors : [$"{where}: not valid against the schema"];
        }
    }

    private IEnumerable<string> CheckHeader(string where, HttpResponseMessage response, string name, JsonNode header)
    {
        var values = response.Headers.TryGetValues(name, out var found) ? found.ToArray()
            : response.Content.Headers.TryGetValues(name, out var content) ? content.ToArray() : [];
        if (values.Length == 0 && header["required"]?.GetValue<bool>() != true)
        {
            return [];
        }

        if (values.Length != 1)
        {
            return [$"{where}: header {name} documented{(header["required"]?.GetValue<bool>() == true ? " as required" : string.Empty)}, sent {values.Length} times"];
        }

        if (header["schema"] is not { } schema)
        {
            return [];
        }

        // A header is text; a number schema reads it as a number (Retry-After: 120).
        var numeric = schema["type"]?.GetValue<string>() is "integer" or "number"
            && double.TryParse(values[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
        return Validate($"{where} header {name}", schema, numeric ? values[0] : JsonSerializer.Serialize(values[0]));
    }

    private JsonSchema SchemaFor(JsonNode openApiSchema) =>
        schemas.GetOrAdd(openApiSchema.ToJsonString(), _ =>
        {
            var root = OpenApiSchemaConverter.Root(openApiSchema, definitions, strict: true);
            using var text = JsonDocument.Parse(root.ToJsonString());
            var id = new Uri($"https://imnm-decision.test/openapi-v1/{Interlocked.Increment(ref built)}");
            return JsonSchema.Build(text.RootElement.Clone(), new BuildOptions(), id);
        });
}
