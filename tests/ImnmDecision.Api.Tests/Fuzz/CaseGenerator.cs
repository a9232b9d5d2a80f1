using System.Globalization;
using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Generates cases from the contract's fields (<see cref="ContractField"/>), seeded: values at and past each bound,
/// numbers spelled oddly (<c>-0</c>, <c>1E+2</c>, <c>1e-400</c>, 400 digits), wrong JSON types, unknown spellings,
/// repeated set items, text at and past its length with control, direction and surrogate characters, repeated and
/// unknown properties, broken bytes. Each case knows its verdict and the paths an error must name. caseIds carry
/// <see cref="CaseIdMarker"/> (echoed by contract, never logged); other text carries <see cref="Mutator.Sentinel"/>.
/// </summary>
internal sealed class CaseGenerator(int seed)
{
    public const string CaseIdMarker = "ZQCASEID";

    private static readonly string[] OddZeros = ["-0", "0.0", "-0.0", "0e10", "-0E-3", "1e-400", "-1e-400"];

    private static readonly string[] Malformed = ["00012", ".5", "+1", "1.", "0x10", "NaN", "-Infinity", "1e", "--1"];

    private static readonly string[] TextPalette = ["a", "Z", " ", ",", "\"", "\\", "\u0000", "\u001b", "\u007f", "\u202e", "\u2066", "\u2028", "\n", "\r", "é", "😀", "=", "<b>", "|", "#", "*"];

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    /// <summary>A case; <paramref name="hostility"/> in [0, 1] is the chance of each kind of damage; <paramref name="csv"/> keeps to what CSV can say.</summary>
    public FuzzCase Case(double hostility, bool csv = false)
    {
        var chosen = ContractField.All.Where(f => f.Path != "caseId" && random.NextDouble() < 0.3).ToList();
        if (chosen.Count == 0 || chosen.All(f => f.Type == "array"))
        {
            chosen.Add(ContractField.All.First(f => f.Path == "ck.value"));
        }

        var values = new List<(ContractField Field, FuzzValue Value)> { (ContractField.All.First(f => f.Path == "caseId"), CaseId()) };
        values.AddRange(chosen.Select(f => (f, random.NextDouble() < hostility ? Hostile(f, csv) : Valid(f))));
        values = Related(values);
        var extra = new List<(string, string, string)>();
        if (!csv && random.NextDouble() < hostility / 3)
        {
            var (field, value) = values[1 + random.Next(values.Count - 1)];
            var section = field.Section!;
            var name = field.Path[(section.Length + 1)..];
            extra.Add(random.Next(4) switch
            {
                0 when !name.Contains('.', StringComparison.Ordinal) => (section, $"\"{name}\":{value.Json}", field.Path),
                1 => (section, $"\"zqUnknown\":\"{Mutator.Sentinel}\"", $"{section}.zqUnknown"),
                2 => (string.Empty, "\"antibodys\":{}", "antibodys"),
                _ => (string.Empty, $"\"mrn\":\"{Mutator.Sentinel}\"", "mrn"),
            });
        }

        Func<byte[], byte[]>? damage = !csv && random.NextDouble() < hostility / 6 ? Damage() : null;
        return new FuzzCase { Values = values, Extra = extra, Damage = damage };
    }

    private FuzzValue CaseId()
    {
        var text = CaseIdMarker;
        var length = random.Next(0, 56);
        while (text.Length < length)
        {
            var piece = TextPalette[random.Next(TextPalette.Length)];
            text = text.Length + piece.Length > 64 ? text : text + piece;
            if (text.Length + 2 > 64)
            {
                break;
            }
        }

        return random.Next(20) == 0
            ? new FuzzValue(Quote(text + new string('x', 65 - text.Length)), text + new string('x', 65 - text.Length), Quote(text + new string('x', 65 - text.Length)), FuzzVerdict.OutOfRange)
            : FuzzValue.Valid(Quote(text), text);
    }

    private FuzzValue Valid(ContractField field) => field.Type switch
    {
        "number" => Number(field),
        "boolean" => random.Next(2) == 0 ? FuzzValue.Valid("true", "true") : FuzzValue.Valid("false", "false"),
        "array" => Set(field, [.. field.Spellings.Where(_ => random.Next(4) == 0)]),
        _ when field.Spellings.Length > 0 => Choice(field.Spellings[random.Next(field.Spellings.Length)]),
        _ => Text(Mutator.Sentinel + new string('d', random.Next(0, (field.MaxLength ?? 64) - Mutator.Sentinel.Length + 1))),
    };

    private FuzzValue Hostile(ContractField field, bool csv)
    {
        var value = field.Type switch
        {
            "number" => HostileNumber(field),
            "boolean" => random.Next(3) switch
            {
                0 => new FuzzValue("\"true\"", null, "\"true\"", FuzzVerdict.Unreadable),
                1 => new FuzzValue("1", "1", "1", FuzzVerdict.Unreadable),
                _ => new FuzzValue("{}", "yes", "{}", FuzzVerdict.Unreadable),
            },
            "array" => HostileSet(field),
            _ when field.Spellings.Length > 0 => random.Next(4) switch
            {
                0 when !field.Spellings[^1].Equals(field.Spellings[^1].ToUpperInvariant(), StringComparison.Ordinal) => new FuzzValue(Quote(field.Spellings[^1].ToUpperInvariant()), field.Spellings[^1].ToUpperInvariant(), Quote(field.Spellings[^1].ToUpperInvariant()), FuzzVerdict.Unreadable),
                1 => new FuzzValue(Quote(Mutator.Sentinel), Mutator.Sentinel, Quote(Mutator.Sentinel), FuzzVerdict.Unreadable),
                2 => new FuzzValue(Quote(" " + field.Spellings[^1]), null, Quote(" " + field.Spellings[^1]), FuzzVerdict.Unreadable),
                _ => new FuzzValue("7", "7", "7", FuzzVerdict.Unreadable),
            },
            _ => random.Next(3) switch
            {
                0 => new FuzzValue(Quote(Mutator.Sentinel + new string('L', field.MaxLength!.Value)), Mutator.Sentinel + new string('L', field.MaxLength!.Value), Quote(Mutator.Sentinel + new string('L', field.MaxLength!.Value)), FuzzVerdict.OutOfRange),
                1 => new FuzzValue($"\"{Mutator.Sentinel}\\ud800\"", null, $"\"{Mutator.Sentinel}\\ud800\"", FuzzVerdict.Unreadable),
                _ => new FuzzValue("[\"" + Mutator.Sentinel + "\"]", null, "[\"" + Mutator.Sentinel + "\"]", FuzzVerdict.Unreadable),
            },
        };
        return csv && value.Csv is null ? Valid(field) : value;
    }

    private FuzzValue Number(ContractField field)
    {
        var low = field.Minimum ?? 0;
        var high = field.Maximum ?? 100_000;
        var value = random.Next(6) switch
        {
            0 => field.ExclusiveMinimum ? Math.BitIncrement(low) : low,
            1 => high,
            2 => Math.Round(low + (random.NextDouble() * (high - low)), random.Next(4)),
            3 => Math.Floor(low + (random.NextDouble() * (high - low))),
            4 when !field.ExclusiveMinimum && low == 0 => 0,
            _ => Math.Max(Math.Ceiling(low), Math.Min(high, random.Next(1, 300))),
        };
        if ((field.ExclusiveMinimum ? value <= low : value < low) || value > high)
        {
            value = high;
        }

        var plain = Plain(value);
        var spelled = Spell(value, plain);
        return new FuzzValue(spelled, spelled, plain, FuzzVerdict.Valid);
    }

    /// <summary>The value written another way that means the same number.</summary>
    private string Spell(double value, string plain) => random.Next(5) switch
    {
        0 when value == 0 => OddZeros[random.Next(OddZeros.Length)],
        1 when value == Math.Floor(value) && Math.Abs(value) < 1e15 => random.Next(3) switch
        {
            0 => plain + "e0",
            1 => plain + ".000",
            _ => (value * 10).ToString("R", CultureInfo.InvariantCulture) + "E-1",
        },
        2 when value == Math.Floor(value) && value is > 0 and < 1e15 => plain + "." + new string('0', 400),
        3 when value >= 100 && value == Math.Floor(value) => (value / 100).ToString("R", CultureInfo.InvariantCulture) + "E+2",
        _ => plain,
    };

    private FuzzValue HostileNumber(ContractField field)
    {
        var low = field.Minimum ?? 0;
        return random.Next(9) switch
        {
            0 => Out(field.ExclusiveMinimum ? low : low - 1),
            1 when field.Maximum is { } high => Out(high + 1),
            2 when field.Maximum is { } high => Out(Math.BitIncrement(high)),
            3 when low == 0 => Out(-5e-324),
            4 => new FuzzValue("1e309", "1e309", "1e309", FuzzVerdict.Unreadable),
            5 => new FuzzValue("1" + new string('0', 400), null, "1" + new string('0', 400), FuzzVerdict.Unreadable),
            6 => new FuzzValue("\"5\"", null, "\"5\"", FuzzVerdict.Unreadable),
            7 => new FuzzValue(Malformed[random.Next(Malformed.Length)], null, "0", FuzzVerdict.Malformed),
            _ => new FuzzValue(random.Next(2) == 0 ? "true" : "[]", random.Next(2) == 0 ? "true" : null, "true", FuzzVerdict.Unreadable),
        };

        FuzzValue Out(double value) => new(Plain(value), Plain(value), Plain(value), FuzzVerdict.OutOfRange);
    }

    private FuzzValue Set(ContractField field, string[] members) =>
        FuzzValue.Valid("[" + string.Join(',', members.Select(Quote)) + "]", members.Length == 0 ? "none" : string.Join(random.Next(2) == 0 ? ";" : "|", members));

    private FuzzValue HostileSet(ContractField field)
    {
        var member = field.Spellings[random.Next(field.Spellings.Length)];
        return random.Next(4) switch
        {
            0 => new FuzzValue($"[{Quote(member)},{Quote(member)}]", $"{member};{member}", $"[{Quote(member)},{Quote(member)}]", FuzzVerdict.Unreadable),
            1 => new FuzzValue($"[{Quote(Mutator.Sentinel)}]", Mutator.Sentinel, $"[{Quote(Mutator.Sentinel)}]", FuzzVerdict.Unreadable),
            2 => new FuzzValue($"[null,{Quote(member)}]", null, $"[null,{Quote(member)}]", FuzzVerdict.Unreadable),
            _ => new FuzzValue(Quote(member), null, Quote(member), FuzzVerdict.Unreadable),
        };
    }

    private static FuzzValue Choice(string spelling) => FuzzValue.Valid(Quote(spelling), spelling);

    private static FuzzValue Text(string text) => FuzzValue.Valid(Quote(text), text);

    /// <summary>Keeps valid values clear of the cross-field rules (pregnant and male, a stop date without past exposure, biopsy results without a biopsy, onset before birth).</summary>
    private static List<(ContractField Field, FuzzValue Value)> Related(List<(ContractField Field, FuzzValue Value)> values)
    {
        FuzzValue? Get(string path) => values.FirstOrDefault(v => v.Field.Path == path).Value;
        void Set(string path, FuzzValue value)
        {
            var at = values.FindIndex(v => v.Field.Path == path);
            var entry = (ContractField.All.First(f => f.Path == path), value);
            if (at < 0)
            {
                values.Add(entry);
            }
            else
            {
                values[at] = entry;
            }
        }

        if (Get("patient.pregnant")?.Json == "true" && Get("patient.sex")?.Json == "\"male\"")
        {
            Set("patient.sex", Choice("female"));
        }

        if (Get("statin.stoppedWeeksAgo") is not null && Get("statin.exposure")?.Json != "\"past\"")
        {
            Set("statin.exposure", Choice("past"));
        }

        if (Get("ck.comparator") is not null && Get("ck.value") is null)
        {
            values.RemoveAll(v => v.Field.Path == "ck.comparator");
        }

        if (Get("biopsy.performed")?.Json == "false" && values.Any(v => v.Field.Path.StartsWith("biopsy.", StringComparison.Ordinal) && v.Field.Path != "biopsy.performed"))
        {
            Set("biopsy.performed", FuzzValue.Valid("true", "true"));
        }

        if (Get("clinical.symptomOnsetYearsAgo") is { Verdict: FuzzVerdict.Valid } onset && Get("patient.ageYears") is { Verdict: FuzzVerdict.Valid } age
            && double.Parse(onset.Plain, CultureInfo.InvariantCulture) > double.Parse(age.Plain, CultureInfo.InvariantCulture))
        {
            Set("clinical.symptomOnsetYearsAgo", age);
        }

        return values;
    }

    private Func<byte[], byte[]> Damage()
    {
        var kind = random.Next(3);
        var at = random.Next(1, 1000);
        return bytes => kind switch
        {
            0 => bytes[..Math.Max(1, Math.Min(bytes.Length - 1, at))],
            1 => [.. bytes[..^1], .. "\u0000"u8, .. bytes[^1..]],
            _ => [.. bytes[..^1], .. ",\"caseId\":\"\u0001\"}"u8],
        };
    }

    private static string Plain(double value) => value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}
