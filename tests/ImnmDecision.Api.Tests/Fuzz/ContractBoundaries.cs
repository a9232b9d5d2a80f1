using System.Globalization;
using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Every field of <c>Findings</c> at and just past each bound the contract declares, in every wrong JSON type,
/// null, and numbers spelled every way JSON allows (and some it does not): the values of the schema sweep.
/// </summary>
internal static class ContractBoundaries
{
    public static IEnumerable<(ContractField Field, FuzzValue Value)> All() => ContractField.All.SelectMany(f => Of(f).Select(v => (f, v)));

    private static IEnumerable<FuzzValue> Of(ContractField field)
    {
        yield return new FuzzValue("null", string.Empty, "null", FuzzVerdict.Valid);
        var wrongTypes = field.Type switch
        {
            "number" => new[] { "\"5\"", "true", "[]", "{}", "[1]" },
            "boolean" => ["\"true\"", "1", "0", "[]", "{}", "\"\""],
            "array" => ["\"x\"", "{}", "1", "true", "[[]]"],
            _ => ["1", "true", "[]", "{}"],
        };
        foreach (var wrong in wrongTypes)
        {
            yield return new FuzzValue(wrong, null, wrong, FuzzVerdict.Unreadable);
        }

        var values = field.Type switch
        {
            "number" => Numbers(field),
            "boolean" => [Valid("true"), Valid("false")],
            "array" => Sets(field),
            _ when field.Spellings.Length > 0 => Choices(field),
            _ => Texts(field),
        };
        foreach (var value in values)
        {
            yield return value;
        }
    }

    private static IEnumerable<FuzzValue> Numbers(ContractField field)
    {
        var low = field.Minimum ?? double.NegativeInfinity;
        var high = field.Maximum ?? double.PositiveInfinity;
        var candidates = new List<double> { 0, 1, 100, 1e-13, 5e-324, -5e-324, 1e308, -1, double.MaxValue };
        if (field.Minimum is { } min)
        {
            candidates.AddRange([min, Math.BitDecrement(min), Math.BitIncrement(min), min - 1]);
        }

        if (field.Maximum is { } max)
        {
            candidates.AddRange([max, Math.BitIncrement(max), Math.BitDecrement(max), max + 1]);
        }

        foreach (var value in candidates.Distinct())
        {
            var inside = (field.ExclusiveMinimum ? value > low : value >= low) && value <= high;
            var plain = Plain(value);
            yield return new FuzzValue(plain, plain, plain, inside ? FuzzVerdict.Valid : FuzzVerdict.OutOfRange);
        }

        foreach (var (text, value) in new[] { ("-0", 0d), ("-0.0", 0), ("0e-5", 0), ("1e-400", 0), ("-1e-400", 0), ("1E+2", 100), ("0.1e1", 1), ("1.0000000000000000000000001", 1), ("100e-2", 1) })
        {
            var inside = (field.ExclusiveMinimum ? value > low : value >= low) && value <= high;
            yield return new FuzzValue(text, text, Plain(value), inside ? FuzzVerdict.Valid : FuzzVerdict.OutOfRange);
        }

        foreach (var text in new[] { "1e309", "-1e309", "1" + new string('0', 400) })
        {
            yield return new FuzzValue(text, null, text, FuzzVerdict.Unreadable);
        }

        foreach (var text in new[] { "00012", "+1", ".5", "1.", "NaN", "Infinity", "0x1A", "1_0" })
        {
            yield return new FuzzValue(text, null, "0", FuzzVerdict.Malformed);
        }
    }

    private static IEnumerable<FuzzValue> Choices(ContractField field)
    {
        foreach (var spelling in field.Spellings)
        {
            yield return Valid(Quote(spelling));
            if (!string.Equals(spelling, spelling.ToUpperInvariant(), StringComparison.Ordinal))
            {
                yield return new FuzzValue(Quote(spelling.ToUpperInvariant()), null, string.Empty, FuzzVerdict.Unreadable);
            }
        }

        foreach (var wrong in new[] { string.Empty, " " + field.Spellings[0], field.Spellings[0] + "\u0000", Mutator.Sentinel, field.Spellings[0] + "\u200B" })
        {
            yield return new FuzzValue(Quote(wrong), null, string.Empty, FuzzVerdict.Unreadable);
        }

        yield return new FuzzValue($"\"{field.Spellings[0]}\\ud800\"", null, string.Empty, FuzzVerdict.Unreadable);
    }

    private static IEnumerable<FuzzValue> Texts(ContractField field)
    {
        var max = field.MaxLength ?? 64;
        var marker = field.Path == "caseId" ? CaseGenerator.CaseIdMarker : Mutator.Sentinel;
        yield return Valid(Quote(string.Empty));
        yield return Valid(Quote(marker + new string('a', max - marker.Length)));
        yield return new FuzzValue(Quote(marker + new string('a', max + 1 - marker.Length)), null, string.Empty, FuzzVerdict.OutOfRange);
        yield return Valid(Quote(marker + string.Concat(Enumerable.Repeat("😀", (max - marker.Length) / 2))));
        yield return new FuzzValue(Quote(marker + string.Concat(Enumerable.Repeat("😀", ((max - marker.Length) / 2) + 1))), null, string.Empty, FuzzVerdict.OutOfRange);
        yield return Valid(Quote(marker + "\u0000\u0001\u001b[31m\u007f\u202e\u2028\r\n\t\"\\"));
        yield return new FuzzValue($"\"{marker}\\ud800\"", null, string.Empty, FuzzVerdict.Unreadable);
        yield return new FuzzValue($"\"{marker}\\udc00x\"", null, string.Empty, FuzzVerdict.Unreadable);
    }

    private static IEnumerable<FuzzValue> Sets(ContractField field)
    {
        yield return Valid("[]");
        yield return Valid("[" + string.Join(',', field.Spellings.Select(Quote)) + "]");
        foreach (var spelling in field.Spellings)
        {
            yield return Valid($"[{Quote(spelling)}]");
        }

        var first = Quote(field.Spellings[0]);
        foreach (var wrong in new[] { $"[{first},{first}]", "[null]", $"[{Quote(Mutator.Sentinel)}]", $"[{Quote(field.Spellings[0].ToUpperInvariant())}]", $"[[{first}]]", "[1]" })
        {
            yield return new FuzzValue(wrong, null, wrong, FuzzVerdict.Unreadable);
        }
    }

    private static FuzzValue Valid(string json) => new(json, null, json, FuzzVerdict.Valid);

    private static string Plain(double value) => value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}
