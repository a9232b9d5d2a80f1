using System.Text.RegularExpressions;

namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// Finds configured phrases in text as whole words, case-insensitively ("normal muscle" never matches
/// "abnormal muscle"). Phrases are literal text, never patterns.
/// </summary>
internal sealed class PhraseMatcher
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private readonly Regex? regex;

    public PhraseMatcher(IEnumerable<string> phrases)
    {
        var alternatives = phrases
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(p => p.Length)
            .Select(Regex.Escape)
            .ToList();
        if (alternatives.Count > 0)
        {
            regex = new Regex(
                $@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                Timeout);
        }
    }

    /// <summary>The first phrase found in the text (as written there), or <c>null</c>.</summary>
    public string? Find(string? text)
    {
        if (regex is null || string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var match = regex.Match(text);
            return match.Success ? match.Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The text with every phrase replaced by a space; <c>null</c> when the text could not be searched in time.</summary>
    public string? Remove(string? text)
    {
        if (regex is null || string.IsNullOrEmpty(text))
        {
            return text;
        }

        try
        {
            return regex.Replace(text, " ");
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whether any phrase occurs in the text.</summary>
    public bool IsMatch(string? text) => Find(text) is not null;
}
