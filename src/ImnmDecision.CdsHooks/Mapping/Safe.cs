using System.Globalization;
using System.Text;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Formatting of values taken from FHIR data for markdown cards: numbers in invariant culture, and codes or
/// units reduced to a safe character set so that EHR text can never inject markdown or links.
/// </summary>
internal static class Safe
{
    private const int MaxLength = 40;

    /// <summary>A number with at most two decimals and thousands separators (8,400; 1.25); negative zero reads 0.</summary>
    public static string Number(double value) => (value == 0 ? 0d : value).ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A code or unit: letters, digits and <c>/ . - _ % [ ] µ</c> only, at most 40 characters.</summary>
    public static string Code(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var safe = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (var ch in text.Trim())
        {
            if (safe.Length == MaxLength)
            {
                break;
            }

            if (char.IsLetterOrDigit(ch) || ch is '/' or '.' or '-' or '%' or '[' or ']' or ' ' or 'µ' or 'μ')
            {
                safe.Append(ch);
            }
        }

        // Brackets are kept for UCUM ([IU]/L) but never as a markdown link: escape them.
        return safe.ToString().Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
    }
}
