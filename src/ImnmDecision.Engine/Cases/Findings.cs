using System.Text.Json.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// The structured findings of one case, as the v1 contract describes them (see <see cref="FindingsSchema"/> for
/// every field). Every section and field is optional: a missing value means "not known", and the assessment lists
/// what is missing instead of guessing. Immutable; build one with <see cref="FindingsBuilder"/>.
/// </summary>
[JsonConverter(typeof(FindingsJsonConverter))]
public sealed class Findings
{
    internal Findings(FindingValues values) => Values = values;

    /// <summary>Optional caller reference (at most 64 characters), echoed back and never logged.</summary>
    public string? CaseId => Values.CaseId;

    /// <summary>The values, which the engine evaluates (not to be changed).</summary>
    internal FindingValues Values { get; }

    /// <summary>Whether the field at a path has a value.</summary>
    public bool Has(string path) => Values.Has(FindingsSchema.Field(path));

    /// <summary>Whether any field of a section (<c>ck</c>, <c>antibodies</c>, ...) has a value.</summary>
    public bool HasSection(string section) => Values.HasSection(section);

    /// <summary>A number field's value, or null.</summary>
    public double? Number(string path) => Values.Number(FindingsSchema.Field(path));

    /// <summary>A true/false field's value, or null.</summary>
    public bool? Boolean(string path) => Values.Boolean(FindingsSchema.Field(path));

    /// <summary>A choice field's value as the contract spells it, or null.</summary>
    public string? Choice(string path) => Values.ChoiceName(FindingsSchema.Field(path));

    /// <summary>A choice field's value as its enum, or null.</summary>
    public TEnum? Choice<TEnum>(string path)
        where TEnum : struct, Enum => Values.Choice<TEnum>(FindingsSchema.Field(path));

    /// <summary>A set field's members as the contract spells them, or null when not known.</summary>
    public IReadOnlyList<string>? Set(string path) => Values.SetNames(FindingsSchema.Field(path));

    /// <summary>A text field's value, or null.</summary>
    public string? Text(string path) => Values.Text(FindingsSchema.Field(path));

    /// <summary>A builder that starts from these findings.</summary>
    public FindingsBuilder ToBuilder() => new(Values);
}
