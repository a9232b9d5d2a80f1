using System.Text;
using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// A seeded mutator over the contract's valid examples: type swaps, extreme numbers, deep nesting, duplicate
/// keys, nulls, invalid UTF-8, lone surrogates, byte order marks, truncation. Values it plants carry
/// <see cref="Sentinel"/>, which no answer may ever contain. The same seed gives the same mutations.
/// </summary>
internal sealed class Mutator(int seed)
{
    /// <summary>Planted in values (never in caseIds, which are echoed by contract) and in property names that are not plain names.</summary>
    public const string Sentinel = "ZQ7SENTINEL";

    private static readonly string[] Extremes = ["1e308", "-1e308", "1e-320", "-0", "0", "1e400", "123456789012345678901234567890", "-1", "0.0000001", "4.9e-324"];

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    /// <summary>A mutated JSON object (as text) from a valid one; sometimes left valid.</summary>
    public string MutateJson(string json)
    {
        var node = JsonNode.Parse(json)!;
        var edits = random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            node = MutateNode(node, depth: 0);
        }

        var text = node?.ToJsonString() ?? "null";
        return random.Next(6) switch
        {
            0 => DuplicateKey(text),
            1 => text.Insert(Math.Min(text.Length, 1 + random.Next(Math.Max(1, text.Length - 1))), random.Next(2) == 0 ? "\\ud800" : "\uFFFF"),
            2 when text.Length > 2 => text[..random.Next(1, text.Length)],
            _ => text,
        };
    }

    /// <summary>Raw byte damage on top of a text: invalid UTF-8, a BOM, a lone surrogate escape in a string.</summary>
    public byte[] Bytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(8) switch
        {
            0 => [0xEF, 0xBB, 0xBF, .. bytes],
            1 when bytes.Length > 2 => Insert(bytes, random.Next(1, bytes.Length), [0xFF, 0xC3, 0x28]),
            2 => Encoding.UTF8.GetBytes(text.Replace("\"case", "\"\\udc00case", StringComparison.Ordinal)),
            3 when bytes.Length > 2 => Insert(bytes, random.Next(1, bytes.Length), [0xED, 0xA0, 0x80]),
            _ => bytes,
        };
    }

    /// <summary>A Content-Type for JSON, most of them fine, some not (non-UTF-8 charsets, malformed parameters).</summary>
    public string ContentType(string mediaType) => random.Next(12) switch
    {
        0 => mediaType + "; charset=\"utf-8\"",
        1 => mediaType.ToUpperInvariant() + "; CHARSET=UTF8",
        2 => mediaType + "; charset=",
        3 => mediaType + "; charset=latin1",
        4 => mediaType + "; charset=utf-16",
        5 => mediaType + ";;;",
        6 => "text/plain",
        _ => mediaType,
    };

    /// <summary>A mutated CSV: cells swapped for hostile ones, quotes, line ends changed, truncation.</summary>
    public string MutateCsv(string csv)
    {
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 1; i < lines.Count; i++)
        {
            if (random.Next(3) != 0)
            {
                continue;
            }

            var cells = lines[i].Split(',');
            var at = 1 + random.Next(Math.Max(1, cells.Length - 1));
            if (at < cells.Length)
            {
                cells[at] = random.Next(8) switch
                {
                    0 => Sentinel,
                    1 => "\"" + Sentinel + "\n" + Sentinel + ",x\"",
                    2 => "=1+" + Sentinel,
                    3 => Extremes[random.Next(Extremes.Length)],
                    4 => "\"unterminated",
                    5 => "\t" + Sentinel,
                    6 => string.Empty,
                    _ => "\"" + new string('y', random.Next(10, 70_000)) + "\"",
                };
            }

            lines[i] = string.Join(',', cells);
        }

        var end = random.Next(4) switch { 0 => "\r\n", 1 => "\n", 2 => "\r", _ => random.Next(2) == 0 ? "\n" : "\r\n" };
        var text = string.Join(end, lines) + end;
        return random.Next(5) == 0 && text.Length > 2 ? text[..random.Next(1, text.Length)] : text;
    }

    private JsonNode? MutateNode(JsonNode? node, int depth)
    {
        if (node is JsonObject obj && obj.Count > 0 && random.Next(3) > 0 && depth < 6)
        {
            var key = obj.Select(p => p.Key).ElementAt(random.Next(obj.Count));
            if (key == "caseId")
            {
                // The caseId is echoed by contract: mutated, but never to a sentinel.
                obj[key] = random.Next(3) switch { 0 => null, 1 => JsonValue.Create(12345), _ => JsonValue.Create("case-x") };
                return node;
            }

            var child = obj[key];
            obj.Remove(key);
            obj[key] = MutateNode(child, depth + 1);
            if (random.Next(10) == 0)
            {
                obj[random.Next(2) == 0 ? Sentinel + " key" : "antibodys"] = JsonValue.Create(Sentinel);
            }

            return node;
        }

        if (node is JsonArray array && array.Count > 0 && random.Next(2) == 0)
        {
            var at = random.Next(array.Count);
            var child = array[at];
            array.RemoveAt(at);
            array.Insert(at, MutateNode(child, depth + 1));
            return node;
        }

        return random.Next(10) switch
        {
            0 => null,
            1 => JsonValue.Create(Sentinel),
            2 => JsonNode.Parse(Extremes[random.Next(Extremes.Length)]),
            3 => JsonValue.Create(random.Next(2) == 0),
            4 => new JsonArray(null, JsonValue.Create(Sentinel)),
            5 => new JsonObject { ["value"] = JsonValue.Create(Sentinel) },
            6 => Nest(random.Next(2, 40)),
            7 => JsonValue.Create(new string('z', random.Next(60, 200)) + Sentinel),
            _ => node is null ? null : JsonNode.Parse(node.ToJsonString()),
        };
    }

    private static JsonNode Nest(int depth)
    {
        JsonNode inner = JsonValue.Create(Sentinel);
        for (var i = 0; i < depth; i++)
        {
            inner = new JsonArray(inner);
        }

        return inner;
    }

    /// <summary>Repeats the first property of the object with another value (text level: JsonNode cannot hold duplicates).</summary>
    private string DuplicateKey(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (!text.StartsWith("{\"", StringComparison.Ordinal) || colon < 0)
        {
            return text;
        }

        var key = text[1..colon];
        return "{" + key + ":" + (random.Next(2) == 0 ? "null" : "{}") + "," + text[1..];
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] extra) => [.. bytes[..at], .. extra, .. bytes[at..]];
}
