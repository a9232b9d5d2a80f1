using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// Reads one case from JSON by <see cref="FindingsSchema"/>, as every door reads it: properties spelled exactly as
/// the contract spells them, each once; numbers, booleans, choices and sets of the field's kind; null is "not
/// known". Every error is collected (keyed by JSON path, worded without the value sent); syntax ends the reading.
/// Range and cross-field checks are the validator's (<see cref="FindingsValidator"/>).
/// </summary>
internal static partial class FindingsJsonReader
{
    /// <summary>Nesting allowed in a case (a case is two levels deep; arrays one more).</summary>
    public const int MaxDepth = 16;

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = MaxDepth };

    /// <summary>
    /// Reads a case from UTF-8 JSON into <paramref name="values"/> (cleared first); false with the errors when it cannot
    /// be read. <paramref name="firstLine"/> is the one-based line the JSON starts on, for the position of a syntax error.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, FindingValues values, List<FindingError> errors, long firstLine = 1)
    {
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            if (!reader.Read())
            {
                values.Clear();
                errors.Add(FindingError.NotAnObject);
                return false;
            }

            Read(ref reader, values, errors);
            if (AfterTheObject(ref reader, firstLine, errors))
            {
                errors.Add(FindingError.NotAnObject);
            }
        }
        catch (JsonException e)
        {
            // At the reader's depth limit the JSON may well be well-formed: say what is wrong with it.
            var line = firstLine - 1 + (e.LineNumber ?? 0);
            errors.Add(reader.CurrentDepth >= MaxDepth - 1 ? FindingError.TooDeep(line, e.BytePositionInLine) : FindingError.Syntax(line, e.BytePositionInLine));
        }

        return errors.Count == 0;
    }

    /// <summary>
    /// Whether another value follows the object. Text after it that is not JSON whitespace is its own error: most
    /// often a second case on the same line (NDJSON lines ended by a carriage return alone).
    /// </summary>
    private static bool AfterTheObject(ref Utf8JsonReader reader, long firstLine, List<FindingError> errors)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException e)
        {
            errors.Add(FindingError.AfterTheObject(firstLine - 1 + (e.LineNumber ?? 0), e.BytePositionInLine));
            return false;
        }
    }

    /// <summary>Reads a case from a reader at its first token (System.Text.Json's converter); errors are collected.</summary>
    public static void Read(ref Utf8JsonReader reader, FindingValues values, List<FindingError> errors)
    {
        values.Clear();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(FindingError.NotAnObject);
            _ = reader.TrySkip();
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            reader.Read();
            if (!seen.Add(name))
            {
                errors.Add(Repeated(name, parent: null));
                _ = reader.TrySkip();
            }
            else if (name == FindingsSchema.CaseId.Path)
            {
                ReadValue(ref reader, FindingsSchema.CaseId, FindingsSchema.CaseId.Path, values, errors);
            }
            else if (FindingsSchema.IsSection(name))
            {
                ReadSection(ref reader, name, values, errors);
            }
            else
            {
                errors.Add(Unknown(name, parent: null));
                _ = reader.TrySkip();
            }
        }
    }

    /// <summary>Reads a section object, or an object nested in one (a group), by its path.</summary>
    private static void ReadSection(ref Utf8JsonReader reader, string section, FindingValues values, List<FindingError> errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(new(section, $"{section} must be an object."));
            _ = reader.TrySkip();
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            reader.Read();
            var path = $"{section}.{name}";
            if (!seen.Add(name))
            {
                errors.Add(Repeated(name, section));
                _ = reader.TrySkip();
            }
            else if (FindingsSchema.TryGet(path, out var field))
            {
                ReadValue(ref reader, field, path, values, errors);
            }
            else if (FindingsSchema.IsGroup(path))
            {
                ReadSection(ref reader, path, values, errors);
            }
            else
            {
                errors.Add(Unknown(name, section));
                _ = reader.TrySkip();
            }
        }
    }

    private static void ReadValue(ref Utf8JsonReader reader, FindingField field, string path, FindingValues values, List<FindingError> errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        var ok = field.Kind switch
        {
            FindingKind.Number => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number)
                && Store(values, field, number),
            FindingKind.Boolean => reader.TokenType is JsonTokenType.True or JsonTokenType.False
                && Store(values, field, reader.TokenType == JsonTokenType.True ? 1 : 0),
            FindingKind.Choice => reader.TokenType == JsonTokenType.String && field.OrdinalOf(Text(ref reader)) is >= 0 and var ordinal
                && Store(values, field, ordinal),
            FindingKind.Text => reader.TokenType == JsonTokenType.String && Text(ref reader) is { } text && text != Invalid && StoreText(values, field, text),
            _ => ReadSet(ref reader, field, path, values, errors),
        };

        if (!ok)
        {
            errors.Add(reader.TokenType == JsonTokenType.String && ReferenceEquals(Text(ref reader), Invalid)
                ? new(path, $"{path} holds text that is not valid Unicode (a lone surrogate escape or invalid UTF-8).")
                : new(path, $"{path} {field.Expected(isElement: false)}."));
            _ = reader.TrySkip();
        }
    }

    /// <summary>A set: an array of the field's spellings, each once. Its elements' errors are keyed by their index; true when it was an array.</summary>
    private static bool ReadSet(ref Utf8JsonReader reader, FindingField field, string path, FindingValues values, List<FindingError> errors)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var mask = 0UL;
        var valid = true;
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            var ordinal = reader.TokenType == JsonTokenType.String ? field.OrdinalOf(Text(ref reader)) : -1;
            if (ordinal >= 0 && (mask & (1UL << ordinal)) == 0)
            {
                mask |= 1UL << ordinal;
                continue;
            }

            // The contract's sets hold each item once (uniqueItems): a repeat is refused, not merged silently.
            valid = false;
            var element = string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
            errors.Add(new(element, ordinal >= 0 ? $"{element} is listed more than once; each item may appear once." : $"{element} {field.Expected(isElement: true)}."));
            _ = reader.TrySkip();
        }

        if (valid)
        {
            values.SetMask(field, mask);
        }

        return true;
    }

    /// <summary>A property name; one that is not valid Unicode (a lone surrogate escape) reads as a name no field has.</summary>
    private static string Name(ref Utf8JsonReader reader) => Text(ref reader);

    /// <summary>
    /// A string token's text, or <see cref="Invalid"/> when it is not valid Unicode (a lone surrogate escape, invalid
    /// UTF-8): such text fits no field, so it becomes that field's error instead of ending the reading.
    /// </summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Invalid;
        }
    }

    /// <summary>Stands for text that is not valid Unicode (never a field name or a choice).</summary>
    private static readonly string Invalid = "\u0000 invalid";

    private static bool Store(FindingValues values, FindingField field, double value)
    {
        values.SetRaw(field, value);
        return true;
    }

    private static bool StoreText(FindingValues values, FindingField field, string value)
    {
        values.SetText(field, value);
        return true;
    }

    private static FindingError Unknown(string name, string? parent)
    {
        var path = Path(name, parent);
        if (ReferenceEquals(name, Invalid))
        {
            return new(path, "A property name is not valid Unicode (a lone surrogate escape or invalid UTF-8).");
        }

        if (IdentifierNames.IsIdentifierLike(name))
        {
            return new(path, "This property looks like a direct identifier; cases must be anonymized, so it was refused.");
        }

        var names = parent is null
            ? FindingsSchema.Sections.Select(s => s.Name).Append(FindingsSchema.CaseId.Name)
            : FindingsSchema.PropertiesOf(parent);
        return names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } spelled
            ? new(path, $"This property is not a property of the findings: names are case-sensitive (the contract spells it {spelled}).")
            : new(path, "This property is not a property of the findings (check its spelling); unknown properties are refused, never ignored.");
    }

    private static FindingError Repeated(string name, string? parent) =>
        new(Path(name, parent), "This property appears more than once; each property may appear once.");

    /// <summary>The error key of a property the caller named: the name itself only when it is a plain, short identifier, so nothing else sent is echoed.</summary>
    private static string Path(string name, string? parent) =>
        SafeName().IsMatch(name) ? (parent is null ? name : $"{parent}.{name}") : parent ?? "$";

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-]{0,63}$")]
    private static partial Regex SafeName();
}
