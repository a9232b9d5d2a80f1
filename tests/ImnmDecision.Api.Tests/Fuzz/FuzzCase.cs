using System.Text;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// A generated case: its values by JSON path, and what was done to its JSON beyond the values (a repeated or
/// unknown property, a section that is not an object, broken bytes). <see cref="Json"/> is one line.
/// </summary>
internal sealed class FuzzCase
{
    public required IReadOnlyList<(ContractField Field, FuzzValue Value)> Values { get; init; }

    /// <summary>Properties added to the JSON text as they are (<c>"value":2</c> again, <c>"zqUnknown":1</c>), by the section they go in ("" for the top).</summary>
    public IReadOnlyList<(string Section, string Property, string Path)> Extra { get; init; } = [];

    /// <summary>Raw bytes that break the JSON (set when the case is <see cref="FuzzVerdict.Malformed"/> on purpose).</summary>
    public Func<byte[], byte[]>? Damage { get; init; }

    /// <summary>The case's verdict: malformed over unreadable over out of range over valid.</summary>
    public FuzzVerdict Verdict =>
        Damage is not null || Values.Any(v => v.Value.Verdict == FuzzVerdict.Malformed) ? FuzzVerdict.Malformed
        : Extra.Count > 0 || Values.Any(v => v.Value.Verdict == FuzzVerdict.Unreadable) ? FuzzVerdict.Unreadable
        : Values.Any(v => v.Value.Verdict == FuzzVerdict.OutOfRange) ? FuzzVerdict.OutOfRange
        : FuzzVerdict.Valid;

    /// <summary>The paths an error answer must name: every unreadable one, else every one out of range.</summary>
    public IEnumerable<string> PathsToName => Verdict switch
    {
        FuzzVerdict.Unreadable => Values.Where(v => v.Value.Verdict == FuzzVerdict.Unreadable).Select(v => v.Field.Path).Concat(Extra.Select(e => e.Path)),
        FuzzVerdict.OutOfRange => Values.Where(v => v.Value.Verdict == FuzzVerdict.OutOfRange).Select(v => v.Field.Path),
        _ => [],
    };

    /// <summary>Whether every value has a CSV spelling and nothing was done to the JSON text.</summary>
    public bool FitsCsv => Extra.Count == 0 && Damage is null && Values.All(v => v.Value.Csv is not null);

    public byte[] Json => Bytes(plain: false);

    /// <summary>The same case with every value in its plain spelling.</summary>
    public byte[] PlainJson => Bytes(plain: true);

    private byte[] Bytes(bool plain)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var group in Values.GroupBy(v => v.Field.Section ?? string.Empty).OrderBy(g => g.Key.Length == 0 ? 0 : 1))
        {
            if (group.Key.Length == 0)
            {
                foreach (var (field, value) in group)
                {
                    Append(text, ref first, $"\"{field.Path}\":{(plain ? value.Plain : value.Json)}");
                }

                continue;
            }

            var members = group.Select(v => (Name: v.Field.Path[(group.Key.Length + 1)..], Text: plain ? v.Value.Plain : v.Value.Json)).ToList();
            Append(text, ref first, $"\"{group.Key}\":{Section(members, group.Key)}");
        }

        foreach (var extra in Extra.Where(e => e.Section.Length == 0))
        {
            Append(text, ref first, extra.Property);
        }

        var bytes = Encoding.UTF8.GetBytes(text.Append('}').ToString());
        return Damage is null || plain ? bytes : Damage(bytes);
    }

    private string Section(List<(string Name, string Text)> members, string section)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var nested in members.GroupBy(m => m.Name.Contains('.', StringComparison.Ordinal) ? m.Name[..m.Name.IndexOf('.', StringComparison.Ordinal)] : string.Empty))
        {
            if (nested.Key.Length == 0)
            {
                foreach (var (name, value) in nested)
                {
                    Append(text, ref first, $"\"{name}\":{value}");
                }
            }
            else
            {
                var inner = string.Join(',', nested.Select(m => $"\"{m.Name[(nested.Key.Length + 1)..]}\":{m.Text}"));
                Append(text, ref first, $"\"{nested.Key}\":{{{inner}}}");
            }
        }

        foreach (var extra in Extra.Where(e => e.Section == section))
        {
            Append(text, ref first, extra.Property);
        }

        return text.Append('}').ToString();
    }

    private static void Append(StringBuilder text, ref bool first, string member)
    {
        text.Append(first ? string.Empty : ",").Append(member);
        first = false;
    }
}
