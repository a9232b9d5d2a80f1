using System.Globalization;
using System.Text;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// How a citation reads, in every door (the JSON answer's <c>source</c>, the reports, the CDS cards): authors and
/// container joined once (no <c>et al..</c>), an organisation that is also the publisher named once, the year
/// added only when the reference does not already carry it.
/// </summary>
public static class CitationText
{
    /// <summary>The reference line's first part: <c>Authors. Journal 2018;28(1):87-99</c>, or the container alone.</summary>
    public static string Source(string? authors, string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var who = authors?.Trim() ?? "";
        var where = container.Trim();
        if (who.Length == 0 || where.Contains(who, StringComparison.OrdinalIgnoreCase))
        {
            return where;
        }

        if (where.Length == 0)
        {
            return who;
        }

        return who.EndsWith('.') ? $"{who} {where}" : $"{who}. {where}";
    }

    /// <summary>The source with its year when the source does not already say it: <c>Orphanet</c>, <c>Alike (2019)</c>.</summary>
    public static string SourceWithYear(CitationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var source = entry.Source.TrimEnd('.', ' ');
        return entry.Year is { } year && !source.Contains(year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{source} ({year})")
            : source;
    }

    /// <summary>A whole reference in plain text: <c>Source (year). Title.</c>, with the link when there is one.</summary>
    public static string Reference(CitationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder(SourceWithYear(entry)).Append(". ").Append(Title(entry)).Append('.');
        if (SafeLink(entry.Url) is { } link)
        {
            text.Append(' ').Append(link);
        }

        return text.ToString();
    }

    /// <summary>The title without a closing period (the reference adds its own).</summary>
    public static string Title(CitationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Title.Trim().TrimEnd('.');
    }

    /// <summary>The link when it is an absolute http or https URL, else null (nothing else is ever linked).</summary>
    public static string? SafeLink(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme is "https" or "http" ? link.AbsoluteUri : null;
}
