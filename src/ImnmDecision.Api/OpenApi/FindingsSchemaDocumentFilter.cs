using System.Globalization;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Cases;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// Describes <see cref="Findings"/> from the findings schema (the same table every door reads by): one component per
/// section (<c>PatientFindings</c>, ...), each field with its kind, allowed values, range, unit and meaning.
/// </summary>
internal sealed class FindingsSchemaDocumentFilter : IDocumentFilter
{
    private const string FindingsDescription =
        "The structured findings of one case. Every section and field is optional: a missing value means \"not known\", "
        + "and the assessment lists what is missing instead of guessing.";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null || !schemas.ContainsKey(nameof(Findings)))
        {
            return;
        }

        var root = Object(FindingsDescription);
        root.Properties!.Add(FindingsSchema.CaseId.Name, Field(FindingsSchema.CaseId));
        var objects = new Dictionary<string, OpenApiSchema>(StringComparer.Ordinal);
        foreach (var section in FindingsSchema.Sections.Concat(FindingsSchema.Groups))
        {
            var schema = Object(section.Description);
            foreach (var field in FindingsSchema.Fields.Where(f => f.Parent == section.Name))
            {
                schema.Properties!.Add(field.Name, Field(field));
            }

            schemas[section.SchemaName] = schema;
            objects[section.Name] = schema;
            var dot = section.Name.LastIndexOf('.');
            var owner = dot < 0 ? root : objects[section.Name[..dot]];
            owner.Properties!.Add(section.Name[(dot + 1)..], new OpenApiSchemaReference(section.SchemaName, swaggerDoc));
        }

        schemas[nameof(Findings)] = root;
    }

    private static OpenApiSchema Object(string description) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
        AdditionalPropertiesAllowed = false,
        Description = description,
    };

    private static OpenApiSchema Field(FindingField field)
    {
        var description = field.Unit is { } unit && !unit.Contains('.', StringComparison.Ordinal)
            ? $"{field.Description} Unit: {unit}."
            : field.Description;
        var schema = field.Kind switch
        {
            FindingKind.Number => new OpenApiSchema
            {
                Type = JsonSchemaType.Number | JsonSchemaType.Null,
                Format = "double",
                Minimum = Text(field.Minimum),
                ExclusiveMinimum = field.MinimumExclusive ? Text(field.Minimum) : null,
                Maximum = Text(field.Maximum),
            },
            FindingKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null },
            FindingKind.Text => new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = field.MaxLength },
            FindingKind.Choice => Nullable(Choices(field)),
            _ => new OpenApiSchema
            {
                Type = JsonSchemaType.Array | JsonSchemaType.Null,
                Items = Choices(field),
                UniqueItems = true,
            },
        };
        schema.Description = description;
        return schema;
    }

    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    private static OpenApiSchema Choices(FindingField field) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. field.Choices.Select(c => (JsonNode)JsonValue.Create(c))],
    };

    private static string? Text(double? value) => value?.ToString(CultureInfo.InvariantCulture);
}
