using System.Buffers;

namespace ImnmDecision.Engine.Reports;

/// <summary>
/// Text someone else chose (a caseId, a file name, a value typed on the command line) as it may be shown to a
/// person: control characters (C0, DEL, C1: terminal escape sequences, line breaks), the line and paragraph
/// separators and the Unicode direction controls are replaced. A direction override would make a report or a
/// terminal display the text in another order than it holds (the "Trojan Source" trick); an escape sequence can
/// retitle or clear a terminal, and a line break can forge a line of output.
/// </summary>
public static class DisplayText
{
    private static readonly SearchValues<char> Hidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u061C', '\u200E', '\u200F', '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    /// <summary><paramref name="text"/> with every hidden character replaced by <paramref name="replacement"/> (the same string when there is none).</summary>
    public static string Replace(string text, char replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(Hidden) < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Hidden.Contains(chars[i]) ? replacement : chars[i];
        }

        return new string(chars);
    }
}
