using System.Text.RegularExpressions;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Collects the evidence and notes while mapping. A note is kept once; of notes that differ only in their
/// numbers (dates, counts: "A CK result (2024-03-02, cancelled) was not used.") the first
/// <see cref="MaxAlike"/> are kept and the rest counted in one line, so a record of a thousand unusable results
/// does not list them one by one and the other notes stay in view.
/// </summary>
internal sealed partial class MappingReport
{
    /// <summary>The most notes kept of one kind.</summary>
    public const int MaxAlike = 5;

    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly List<(string Line, string Kind)> kept = [];
    private readonly Dictionary<string, int> countByKind = new(StringComparer.Ordinal);

    public List<string> Evidence { get; } = [];

    /// <summary>
    /// Whether a myositis result was seen that the lab calls abnormal yet could not be used (a CK flagged high
    /// without its range, which the default limit would call normal): the card must still be shown.
    /// </summary>
    public bool AbnormalResultNotUsed { get; set; }

    /// <summary>The notes in the order given, each kind followed by the count of its notes not kept.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            var notes = new List<string>(kept.Count);
            var left = kept.GroupBy(k => k.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var (line, kind) in kept)
            {
                notes.Add(line);
                if (--left[kind] == 0 && countByKind[kind] > MaxAlike)
                {
                    notes.Add($"… and {countByKind[kind] - MaxAlike} more like this.");
                }
            }

            return notes;
        }
    }

    public void Used(string line)
    {
        // Two records saying the same (two undated orders for one statin) are one line on the card.
        if (!Evidence.Contains(line, StringComparer.Ordinal))
        {
            Evidence.Add(line);
        }
    }

    public void Note(string line)
    {
        if (!seen.Add(line))
        {
            return;
        }

        var kind = Digits().Replace(line, "#");
        var count = countByKind[kind] = countByKind.GetValueOrDefault(kind) + 1;
        if (count <= MaxAlike)
        {
            kept.Add((line, kind));
        }
    }

    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
