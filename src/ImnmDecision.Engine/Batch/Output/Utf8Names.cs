using System.Runtime.CompilerServices;
using System.Text;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Batch;

/// <summary>The contract names of an enum's values as UTF-8, indexed by value, for writing and for parsing without allocating.</summary>
internal static class Utf8Names<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>The names, indexed by the value's ordinal.</summary>
    public static readonly byte[][] Names = [.. JsonNames.Names<TEnum>().Select(Encoding.UTF8.GetBytes)];

    /// <summary>The names, comma separated, for messages.</summary>
    public static readonly string Allowed = string.Join(", ", JsonNames.Names<TEnum>());

    /// <summary>Parses a contract name exactly (case-sensitive).</summary>
    [MethodImpl(PerRow.Optimized)]
    public static bool TryParse(ReadOnlySpan<byte> text, out int ordinal)
    {
        var names = Names;
        for (var i = 0; i < names.Length; i++)
        {
            if (text.SequenceEqual(names[i]))
            {
                ordinal = i;
                return true;
            }
        }

        ordinal = -1;
        return false;
    }
}
