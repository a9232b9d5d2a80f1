using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// Turns OpenAPI 3.0 schemas into JSON Schema 2020-12: <c>nullable: true</c> becomes a type array (or <c>null</c>
/// in the enum, or <c>anyOf</c> with <c>{"type":"null"}</c> beside a <c>$ref</c>), <c>#/components/schemas/X</c>
/// becomes <c>#/$defs/X</c>, <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>/<c>not</c> are kept, and the OpenAPI-only
/// keywords (<c>example</c>, <c>discriminator</c>, <c>xml</c>, <c>externalDocs</c>) and the numeric formats
/// (<c>int32</c>, <c>int64</c>, <c>float</c>, <c>double</c>, which 2020-12 does not know) are dropped; the boolean
/// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> of 3.0 become the numeric bounds of 2020-12.
/// In strict mode an object schema that declares <c>properties</c> and says nothing about others gets
/// <c>additionalProperties: false</c> (<c>unevaluatedProperties: false</c> beside <c>allOf</c>, whose parts
/// declare the properties), so an undocumented field in an answer fails.
/// </summary>
internal static class OpenApiSchemaConverter
{
    public const string ComponentsPrefix = "#/components/schemas/";
    public const string DefsPrefix = "#/$defs/";

    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "nullable", "example", "discriminator", "xml", "externalDocs" };
    private static readonly HashSet<string> NumericFormats = new(StringComparer.Ordinal) { "int32", "int64", "float", "double" };
    private static readonly HashSet<string> SchemaMaps = new(StringComparer.Ordinal) { "properties", "patternProperties", "$defs", "dependentSchemas" };
    private static readonly HashSet<string> SchemaValues = new(StringComparer.Ordinal) { "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems" };
    private static readonly HashSet<string> SchemaLists = new(StringComparer.Ordinal) { "allOf", "anyOf", "oneOf", "prefixItems" };

    /// <summary>Every component schema of an OpenAPI document, converted, keyed by name (for <c>$defs</c>).</summary>
    public static JsonObject Definitions(JsonNode openApiDocument, bool strict)
    {
        ArgumentNullException.ThrowIfNull(openApiDocument);
        var definitions = new JsonObject();
        foreach (var (name, schema) in openApiDocument["components"]!["schemas"]!.AsObject())
        {
            definitions[name] = Convert(schema!, strict);
        }

        return definitions;
    }

    /// <summary>A 2020-12 root schema: <paramref name="schema"/> (OpenAPI 3.0) with the converted definitions beside it.</summary>
    public static JsonObject Root(JsonNode schema, JsonObject definitions, bool strict)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var converted = Convert(schema, strict);
        var root = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = definitions.DeepClone() };
        if (converted is JsonObject body)
        {
            foreach (var (key, value) in body)
            {
                root[key] = value?.DeepClone();
            }
        }
        else
        {
            root["allOf"] = new JsonArray(converted);
        }

        return root;
    }

    /// <summary>One OpenAPI 3.0 schema as JSON Schema 2020-12.</summary>
    public static JsonNode Convert(JsonNode schema, bool strict)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema is not JsonObject source)
        {
            return schema.DeepClone(); // true / false
        }

        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (Dropped.Contains(key) || value is null)
            {
                continue;
            }

            result[key] = key switch
            {
                "$ref" => Reference(value.GetValue<string>()),
                "format" when NumericFormats.Contains(value.GetValue<string>()) => null,
                _ when SchemaMaps.Contains(key) => Map(value.AsObject(), strict),
                _ when SchemaValues.Contains(key) => Convert(value, strict),
                _ when SchemaLists.Contains(key) => new JsonArray([.. value.AsArray().Select(s => Convert(s!, strict))]),
                _ => value.DeepClone(),
            };
            if (result[key] is null)
            {
                result.Remove(key);
            }
        }

        Exclusive(source, result, "exclusiveMinimum", "minimum");
        Exclusive(source, result, "exclusiveMaximum", "maximum");
        if (strict && source.ContainsKey("properties") && !source.ContainsKey("additionalProperties") && !source.ContainsKey("unevaluatedProperties"))
        {
            result[source.ContainsKey("allOf") ? "unevaluatedProperties" : "additionalProperties"] = false;
        }

        return source["nullable"]?.GetValue<bool>() == true ? Nullable(result) : result;
    }

    /// <summary>OpenAPI 3.0's boolean <c>exclusiveMinimum: true</c> beside <c>minimum: n</c> is 2020-12's <c>exclusiveMinimum: n</c>.</summary>
    private static void Exclusive(JsonObject source, JsonObject result, string exclusive, string bound)
    {
        if (source[exclusive] is not JsonValue flag || !flag.TryGetValue<bool>(out var on))
        {
            return;
        }

        result.Remove(exclusive);
        if (on && source[bound] is { } value)
        {
            result.Remove(bound);
            result[exclusive] = value.DeepClone();
        }
    }

    private static JsonObject Map(JsonObject schemas, bool strict)
    {
        var map = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            map[name] = Convert(schema!, strict);
        }

        return map;
    }

    private static string Reference(string reference) =>
        reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal)
            ? DefsPrefix + reference[ComponentsPrefix.Length..]
            : throw new NotSupportedException($"Only references to {ComponentsPrefix}* are resolved, not {reference}.");

    /// <summary>The schema that also allows JSON null.</summary>
    private static JsonObject Nullable(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        switch (schema["type"])
        {
            case JsonValue type:
                schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                return schema;
            case JsonArray types:
                if (!types.Any(t => t!.GetValue<string>() == "null"))
                {
                    types.Add("null");
                }

                return schema;
        }

        if (schema.ContainsKey("$ref") || schema.ContainsKey("allOf") || schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf"))
        {
            return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        }

        return schema; // No type: any value, null included.
    }
}
