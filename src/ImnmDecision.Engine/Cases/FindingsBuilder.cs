using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// Builds <see cref="Findings"/> field by field, by JSON path (<c>ck.value</c>). A value of the wrong kind for its
/// field, or a spelling the field does not allow, throws: a builder is for code, which must spell the contract.
/// </summary>
public sealed class FindingsBuilder
{
    private readonly FindingValues values = new();

    /// <summary>Starts with nothing known.</summary>
    public FindingsBuilder()
    {
    }

    internal FindingsBuilder(FindingValues from) => values.CopyFrom(from);

    /// <summary>Sets the caller's reference.</summary>
    public FindingsBuilder CaseId(string? caseId)
    {
        values.CaseId = caseId;
        return this;
    }

    /// <summary>Sets a number field (null: not known); NaN is refused (it cannot be sent, and would read as not known).</summary>
    public FindingsBuilder Number(string path, double? value)
    {
        if (value is { } number && double.IsNaN(number))
        {
            throw new ArgumentException($"{path} cannot be NaN.", nameof(value));
        }

        values.SetNumber(Field(path, FindingKind.Number), value);
        return this;
    }

    /// <summary>Sets a true/false field (null: not known).</summary>
    public FindingsBuilder Boolean(string path, bool? value)
    {
        values.SetBoolean(Field(path, FindingKind.Boolean), value);
        return this;
    }

    /// <summary>Sets a choice field by its contract spelling (null: not known).</summary>
    public FindingsBuilder Choice(string path, string? spelling)
    {
        var field = Field(path, FindingKind.Choice);
        values.SetOrdinal(field, spelling is null ? null : Ordinal(field, spelling));
        return this;
    }

    /// <summary>Sets a choice field by its enum (null: not known).</summary>
    public FindingsBuilder Choice<TEnum>(string path, TEnum? value)
        where TEnum : struct, Enum => Choice(path, value is { } v ? JsonNames.Name(v) : null);

    /// <summary>Sets a choice field by its enum.</summary>
    public FindingsBuilder Choice<TEnum>(string path, TEnum value)
        where TEnum : struct, Enum => Choice(path, JsonNames.Name(value));

    /// <summary>Sets a set field by its members' spellings (null: not known; empty: none).</summary>
    public FindingsBuilder Set(string path, IEnumerable<string>? members)
    {
        var field = Field(path, FindingKind.ChoiceSet);
        values.SetMask(field, members?.Aggregate(0UL, (mask, member) => mask | (1UL << Ordinal(field, member))));
        return this;
    }

    /// <summary>Sets a text field (null: not known).</summary>
    public FindingsBuilder Text(string path, string? value)
    {
        values.SetText(Field(path, FindingKind.Text), value);
        return this;
    }

    /// <summary>Makes a field not known.</summary>
    public FindingsBuilder Remove(string path)
    {
        values.Remove(FindingsSchema.Field(path));
        return this;
    }

    /// <summary>The findings built so far (the builder can go on).</summary>
    public Findings Build()
    {
        var copy = new FindingValues();
        copy.CopyFrom(values);
        return new Findings(copy);
    }

    private static FindingField Field(string path, FindingKind kind)
    {
        var field = FindingsSchema.Field(path);
        return field.Kind == kind ? field : throw new ArgumentException($"{path} holds a {field.Kind}, not a {kind}.", nameof(path));
    }

    private static int Ordinal(FindingField field, string spelling) =>
        field.OrdinalOf(spelling) is >= 0 and var ordinal ? ordinal : throw new ArgumentException($"{field.Path} allows {field.ChoiceList}.", nameof(spelling));
}
