using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document and its committed copy, <c>openapi/v1.json</c>. When a change to the document is
/// intended, regenerate the file with <c>UPDATE_OPENAPI=1 dotnet test tests/ImnmDecision.Api.Tests --filter OpenApi</c>
/// and commit it with the change.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string RegenerateHint = "If the change is intended, regenerate the file: UPDATE_OPENAPI=1 dotnet test tests/ImnmDecision.Api.Tests --filter OpenApi";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task ServedDocument_ComparedWithOpenapiV1Json_IsTheSame()
    {
        var served = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");
        var path = RepositoryPaths.OpenApiDocument;

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n");
        }

        File.Exists(path).Should().BeTrue($"{path} is the committed contract. {RegenerateHint}");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path));
        var difference = FirstDifference(served, committed, "$");
        difference.Should().BeNull($"the served /swagger/v1/swagger.json must equal openapi/v1.json. {RegenerateHint}");
    }

    [Fact]
    public async Task ServedDocument_Paths_AreExactlyTheV1Contract()
    {
        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        paths.Should().Contain(["/api/v1/assessments", "/api/v1/ruleset", "/api/v1/rules", "/api/v1/rules/{ruleId}", "/api/v1/citations", "/api/v1/citations/{citationId}"]);
        paths.Should().OnlyContain(p => p.StartsWith("/api/v1/", StringComparison.Ordinal), "health probes and CDS Hooks stay out of the v1 document");
        document["servers"].Should().BeNull("the server address must not be part of the committed document");
    }

    [Fact]
    public async Task ServedDocument_Enums_AreTheContractsKebabCaseStrings()
    {
        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");
        var schemas = document["components"]!["schemas"]!;

        Values(schemas["AntibodyFindings"]!["properties"]!["hmgcr"]!["enum"]!).Should().Equal("positive", "negative", "equivocal", "not-tested");
        Values(schemas["CkFindings"]!["properties"]!["unit"]!["enum"]!).Should().Equal("U/L", "ukat/L");
        Values(schemas["AntibodyFindings"]!["properties"]!["otherMyositisSpecific"]!["items"]!["enum"]!).Should().Contain(["jo1", "tif1g", "pm-scl"]);
        EnumOf(schemas, "SubtypeCode").Should().Equal(
            "anti-hmgcr-statin-exposed", "anti-hmgcr-statin-naive", "anti-hmgcr", "anti-srp", "seronegative",
            "conflicting-serology", "alternative-diagnosis-likely", "not-supported", "insufficient-data");
        schemas["Findings"]!["properties"]!["patient"]!["$ref"]!.GetValue<string>().Should().EndWith("/PatientFindings");
    }

    [Fact]
    public async Task ServedDocument_Findings_DescribeEveryFieldOfTheSchemaWithItsRange()
    {
        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");
        var schemas = document["components"]!["schemas"]!;

        foreach (var field in Engine.Cases.FindingsSchema.Fields.Where(f => f.Section is not null))
        {
            // A field sits in its section's schema, or in the schema of the group that holds it (clinical.weaknessPattern).
            var owner = Engine.Cases.FindingsSchema.Sections.Concat(Engine.Cases.FindingsSchema.Groups).Single(s => s.Name == field.Parent).SchemaName;
            schemas[owner]!["properties"]![field.Name].Should().NotBeNull(field.Path);
        }

        schemas["ClinicalFindings"]!["properties"]!["weaknessPattern"]!["$ref"]!.GetValue<string>().Should().EndWith("/WeaknessPatternFindings");
        var height = schemas["PatientFindings"]!["properties"]!["heightCm"]!;
        height["minimum"]!.GetValue<double>().Should().Be(40);
        height["maximum"]!.GetValue<double>().Should().Be(250);
        height["description"]!.GetValue<string>().Should().Contain("body surface area");
    }

    private static IEnumerable<string> Values(JsonNode node) => node.AsArray().Select(n => n!.GetValue<string>());

    [Fact]
    public async Task ServedDocument_Descriptions_ComeFromTheXmlCommentsOfApiAndEngine()
    {
        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var assess = document["paths"]!["/api/v1/assessments"]!["post"]!;
        assess["summary"]!.GetValue<string>().Should().Be("Suggest an IMNM subtype, workup and treatment options for one case");
        assess["description"]!.GetValue<string>().Should().Contain("pick one of the named examples");
        assess["requestBody"]!["description"]!.GetValue<string>().Should().Contain("unknown properties are rejected");
        var schemas = document["components"]!["schemas"]!;
        schemas["Findings"]!["description"]!.GetValue<string>().Should().Contain("missing value means");
        schemas["RuleView"]!["properties"]!["when"]!["description"]!.GetValue<string>().Should().Contain("readable form");
    }

    [Fact]
    public async Task ServedDocument_SingleAssessment_DocumentsJsonMarkdownAndHtmlAnswers()
    {
        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var content = document["paths"]!["/api/v1/assessments"]!["post"]!["responses"]!["200"]!["content"]!.AsObject();
        content.Select(c => c.Key).Should().BeEquivalentTo("application/json", "text/markdown", "text/html");
        content["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("/Assessment");
        content["text/markdown"]!["schema"]!["type"]!.GetValue<string>().Should().Be("string");
        content["text/html"]!["schema"]!["type"]!.GetValue<string>().Should().Be("string");
    }

    [Fact]
    public async Task ServedDocument_EveryOperation_DocumentsEveryResponseCodeAndTheRulesetHeader()
    {
        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var expected = new Dictionary<string, string[]>
        {
            ["/api/v1/assessments post"] = ["200", "400", "401", "403", "406", "409", "413", "415", "429", "500"],
            ["/api/v1/ruleset get"] = ["200", "401", "409", "429", "500"],
            ["/api/v1/rules get"] = ["200", "401", "409", "429", "500"],
            ["/api/v1/rules/{ruleId} get"] = ["200", "401", "404", "409", "429", "500"],
            ["/api/v1/citations get"] = ["200", "401", "409", "429", "500"],
            ["/api/v1/citations/{citationId} get"] = ["200", "401", "404", "409", "429", "500"],
        };
        foreach (var (key, codes) in expected)
        {
            var parts = key.Split(' ');
            var operation = document["paths"]![parts[0]]![parts[1]]!;
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).Should().Equal(codes, key);
            foreach (var (code, response) in responses)
            {
                response!["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace($"{key} {code}");
                response["headers"]!["X-Ruleset-Version"].Should().NotBeNull($"{key} {code}");
                if (code != "200")
                {
                    response["content"]!.AsObject().Select(c => c.Key).Should().Equal(["application/problem+json"], $"{key} {code}");
                }
            }

            operation["parameters"]!.AsArray().Should().Contain(p => p!["name"]!.GetValue<string>() == "X-Ruleset-Version" && p["in"]!.GetValue<string>() == "header");
        }
    }

    private static IEnumerable<string> EnumOf(JsonNode schemas, string name) =>
        schemas[name]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    /// <summary>The JSON path of the first difference, or null when both are equal.</summary>
    private static string? FirstDifference(JsonNode? served, JsonNode? committed, string path)
    {
        switch (served, committed)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    if (!a.ContainsKey(key) || !b.ContainsKey(key))
                    {
                        return $"{path}.{key} ({(a.ContainsKey(key) ? "not in the committed file" : "no longer served")})";
                    }

                    if (FirstDifference(a[key], b[key], $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    if (i >= a.Count || i >= b.Count)
                    {
                        return $"{path}[{i}] (lengths {a.Count} served, {b.Count} committed)";
                    }

                    if (FirstDifference(a[i], b[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(served, committed) ? null : path;
        }
    }
}
