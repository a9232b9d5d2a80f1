using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>The OpenAPI 3.0 to JSON Schema 2020-12 conversion and the strict checker: they fail where they should.</summary>
public sealed class OpenApiSchemaConverterTests
{
    private static readonly OpenApiContract Sample = OpenApiContract.From(JsonNode.Parse("""
        {
          "openapi": "3.0.4",
          "paths": {},
          "components": {
            "schemas": {
              "Code": { "enum": ["anti-srp", "seronegative"], "type": "string" },
              "Item": {
                "required": ["id"],
                "type": "object",
                "properties": {
                  "id": { "type": "string", "format": "uuid" },
                  "count": { "type": "integer", "format": "int32", "nullable": true },
                  "ratio": { "type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1, "exclusiveMaximum": false },
                  "code": { "$ref": "#/components/schemas/Code" },
                  "sex": { "enum": ["male", "female"], "type": "string", "nullable": true },
                  "next": { "allOf": [{ "$ref": "#/components/schemas/Item" }], "nullable": true },
                  "open": { "type": "object", "additionalProperties": {}, "properties": { "a": { "type": "string" } } }
                }
              },
              "Either": { "oneOf": [{ "$ref": "#/components/schemas/Item" }, { "type": "object", "required": ["summary"], "properties": { "summary": { "type": "string" } } }] }
            }
          }
        }
        """)!);

    private static readonly JsonNode Item = JsonNode.Parse("""{ "$ref": "#/components/schemas/Item" }""")!;
    private static readonly JsonNode Either = JsonNode.Parse("""{ "$ref": "#/components/schemas/Either" }""")!;

    [Theory]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1"}""")]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","count":null,"sex":null,"next":null}""")]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","count":3,"code":"anti-srp","sex":"female","next":{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f2"}}""")]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","open":{"a":"x","anything":1}}""")]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","ratio":1}""")]
    public void Validate_DocumentedShapes_Pass(string json) =>
        Sample.Validate("item", Item, json).Should().BeEmpty();

    [Theory]
    [InlineData("""{"count":1}""", "required")] // the required id is missing
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","extra":1}""", "additionalProperties")] // strict: an undocumented field
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","code":"anti_srp"}""", "enum")] // an enum spelling not listed
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","code":null}""", "enum")] // not nullable
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","count":"3"}""", "type")] // a wrong type
    [InlineData("""{"id":"not-a-uuid"}""", "format")]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","ratio":0}""", "exclusiveMinimum")]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","ratio":1.5}""", "maximum")]
    [InlineData("""{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1","next":{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f2","renamed":true}}""", "additionalProperties")] // through allOf
    public void Validate_Departures_FailNamingTheKeyword(string json, string keyword) =>
        Sample.Validate("item", Item, json).Should().Contain(f => f.Contains(keyword, StringComparison.Ordinal));

    [Fact]
    public void Validate_OneOf_AcceptsEitherShapeAndNothingElse()
    {
        Sample.Validate("row", Either, """{"id":"0b7d4b2e-5f1a-4c38-9a43-53a4f4c2f0f1"}""").Should().BeEmpty();
        Sample.Validate("row", Either, """{"summary":"s"}""").Should().BeEmpty();
        Sample.Validate("row", Either, """{"summary":"s","rows":1}""").Should().NotBeEmpty();
    }

    [Fact]
    public void Convert_NullableAndReferences_BecomeTypeArraysAnyOfAndDefs()
    {
        var definitions = OpenApiSchemaConverter.Definitions(Sample.Document, strict: true);
        var item = definitions["Item"]!;

        item["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
        item["properties"]!["count"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("integer", "null");
        item["properties"]!["count"]!["format"].Should().BeNull("int32 is not a 2020-12 format");
        item["properties"]!["sex"]!["enum"]!.AsArray().Should().Contain(v => v == null);
        item["properties"]!["code"]!["$ref"]!.GetValue<string>().Should().Be("#/$defs/Code");
        item["properties"]!["next"]!["anyOf"]![1]!["type"]!.GetValue<string>().Should().Be("null");
        item["properties"]!["open"]!["additionalProperties"]!.AsObject().Should().BeEmpty("a schema that allows other properties keeps them");
    }
}
