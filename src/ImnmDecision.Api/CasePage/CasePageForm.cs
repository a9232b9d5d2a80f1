using System.Text.Json;
using ImnmDecision.Api.Middleware;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.CasePage;

/// <summary>
/// The case page's form, described as JSON from <see cref="FindingsSchema"/> (never a field list of its own):
/// the sections in the contract's order with their descriptions, each section's fields (path, kind, allowed
/// values or range, unit, meaning, the sentence a wrong value gets) and the groups nested in it. The page's
/// script renders the inputs from this; a new finding in the schema is a new input on the page.
/// </summary>
internal static class CasePageForm
{
    /// <summary>The name of the group that holds the top-level fields (<c>caseId</c>).</summary>
    public const string CaseGroup = "case";

    /// <summary>Writes the description.</summary>
    public static void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("assessmentsPath", MiddlewareSetup.V1Prefix + "/assessments");
        json.WriteStartArray("sections");
        Section(json, CaseGroup, "The caller's reference for this case.", FindingsSchema.Fields.Where(f => f.Section is null));
        foreach (var section in FindingsSchema.Sections)
        {
            Section(json, section.Name, section.Description, FindingsSchema.FieldsOf(section.Name));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Section(Utf8JsonWriter json, string name, string description, IEnumerable<FindingField> fields)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("description", description);
        var own = fields.ToList();
        Fields(json, own.Where(f => f.Section is null || f.Parent == f.Section));
        json.WriteStartArray("groups");
        foreach (var group in FindingsSchema.Groups.Where(g => g.Name.StartsWith(name + ".", StringComparison.Ordinal)))
        {
            json.WriteStartObject();
            json.WriteString("name", group.Name);
            json.WriteString("description", group.Description);
            Fields(json, own.Where(f => f.Parent == group.Name));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter json, IEnumerable<FindingField> fields)
    {
        json.WriteStartArray("fields");
        foreach (var field in fields)
        {
            Field(json, field);
        }

        json.WriteEndArray();
    }

    private static void Field(Utf8JsonWriter json, FindingField field)
    {
        json.WriteStartObject();
        json.WriteString("path", field.Path);
        json.WriteString("name", field.Name);
        json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(field.Kind.ToString()));
        json.WriteString("description", field.Description);
        json.WriteString("expected", $"{field.Path} {field.Expected(isElement: false)}.");
        if (field.Choices.Count > 0)
        {
            json.WriteStartArray("choices");
            foreach (var choice in field.Choices)
            {
                json.WriteStringValue(choice);
            }

            json.WriteEndArray();
        }

        if (field.Minimum is { } min)
        {
            json.WriteNumber("min", min);
            json.WriteBoolean("minExclusive", field.MinimumExclusive);
        }

        if (field.Maximum is { } max)
        {
            json.WriteNumber("max", max);
        }

        if (field.Unit is { } unit)
        {
            // A unit may be another field (ck.value is in ck.unit): the page then shows that field's choice.
            json.WriteString(FindingsSchema.TryGet(unit, out _) ? "unitField" : "unit", unit);
        }

        if (field.MaxLength > 0)
        {
            json.WriteNumber("maxLength", field.MaxLength);
        }

        json.WriteEndObject();
    }
}
