using System.Globalization;

namespace ImnmDecision.Cli.Sharding;

/// <summary>One part of a cohort split N ways: the rows whose 0-based index modulo <see cref="Count"/> is <see cref="Number"/> - 1.</summary>
/// <param name="Number">K, from 1 to N.</param>
/// <param name="Count">N.</param>
internal sealed record Shard(int Number, int Count)
{
    /// <summary>Reads <c>K/N</c>; null when it is not two whole numbers with 1 &lt;= K &lt;= N.</summary>
    public static Shard? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && k >= 1 && k <= n
            ? new Shard(k, n)
            : null;
    }

    /// <summary>True when the row with this 0-based index belongs to the shard.</summary>
    public bool Holds(long rowIndex) => rowIndex % Count == Number - 1;
}
