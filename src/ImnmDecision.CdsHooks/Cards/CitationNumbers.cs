using System.Text;
using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.CdsHooks.Cards;

/// <summary>Numbers citations in the order a card first cites them, and writes the reference list.</summary>
internal sealed class CitationNumbers(IReadOnlyList<CitationEntry> catalogue)
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    /// <summary>The marker for some citation ids, like <c> [1, 3]</c>, or empty when there are none.</summary>
    public string Cite(IEnumerable<string>? ids)
    {
        var marks = new List<int>();
        foreach (var id in ids ?? [])
        {
            if (!numbers.TryGetValue(id, out var number))
            {
                order.Add(id);
                number = numbers[id] = order.Count;
            }

            if (!marks.Contains(number))
            {
                marks.Add(number);
            }
        }

        return marks.Count == 0 ? "" : $" [{string.Join(", ", marks)}]";
    }

    /// <summary>Whether anything was cited.</summary>
    public bool Any => order.Count > 0;

    /// <summary>The numbered reference list, as markdown.</summary>
    public string References()
    {
        var text = new StringBuilder();
        for (var i = 0; i < order.Count; i++)
        {
            var entry = catalogue.FirstOrDefault(c => c.Id == order[i]);
            text.Append(i + 1).Append(". ");
            if (entry is null)
            {
                text.Append(order[i]).Append('\n');
                continue;
            }

            text.Append(CitationText.SourceWithYear(entry)).Append(". *").Append(CitationText.Title(entry)).Append("*.");
            if (CitationText.SafeLink(entry.Url) is { } link)
            {
                text.Append(" <").Append(link).Append('>');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
