using System.Linq.Expressions;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// A set of fact slots, any number of them: one bit per slot in 64-bit words, keeping only the words that hold a
/// bit (a condition usually reads one or two facts, so its mask is one word). Tested against a
/// <see cref="FactSet"/>'s unknown slots, which are kept as words of the same layout.
/// </summary>
public sealed class SlotMask
{
    private readonly int[] indexes;
    private readonly ulong[] bits;

    // Most conditions read facts of one 64-slot word: that word and its bits, held inline for AnyIn.
    private readonly int firstIndex;
    private readonly ulong firstBits;

    private SlotMask(SortedDictionary<int, ulong> words)
    {
        indexes = [.. words.Keys];
        bits = [.. words.Values];
        (firstIndex, firstBits) = indexes.Length > 0 ? (indexes[0], bits[0]) : (0, 0UL);
    }

    /// <summary>No slot.</summary>
    public static SlotMask Empty { get; } = new(new SortedDictionary<int, ulong>());

    /// <summary>How many 64-bit words hold <paramref name="slots"/> slots.</summary>
    public static int WordsFor(int slots) => (slots + 63) >> 6;

    /// <summary>The word of a slot.</summary>
    public static int WordOf(int slot) => slot >> 6;

    /// <summary>The bit of a slot within its word.</summary>
    public static ulong BitOf(int slot) => 1UL << (slot & 63);

    /// <summary>The set of the given slots.</summary>
    public static SlotMask Of(params IEnumerable<int> slots)
    {
        var words = new SortedDictionary<int, ulong>();
        foreach (var slot in slots)
        {
            words[WordOf(slot)] = words.GetValueOrDefault(WordOf(slot)) | BitOf(slot);
        }

        return new(words);
    }

    /// <summary>The union of several sets.</summary>
    public static SlotMask Union(IEnumerable<SlotMask> masks) => Of(masks.SelectMany(m => m.Slots));

    /// <summary>The slots in the set, in order.</summary>
    public IEnumerable<int> Slots
    {
        get
        {
            for (var i = 0; i < indexes.Length; i++)
            {
                for (var bit = 0; bit < 64; bit++)
                {
                    if ((bits[i] & (1UL << bit)) != 0)
                    {
                        yield return (indexes[i] << 6) + bit;
                    }
                }
            }
        }
    }

    /// <summary>Whether the two sets share a slot.</summary>
    public bool Overlaps(SlotMask other) => Slots.Intersect(other.Slots).Any();

    /// <summary>Whether any slot of the set is set in <paramref name="words"/> (a fact set's unknown slots).</summary>
    public bool AnyIn(ulong[] words) => (words[firstIndex] & firstBits) != 0 || (indexes.Length > 1 && AnyInLaterWords(words));

    /// <summary>The word of the set's first slot (0 for an empty set): with <see cref="FirstBits"/>, what a caller checks inline.</summary>
    internal int FirstWord => firstIndex;

    /// <summary>The set's slots in <see cref="FirstWord"/>, one bit each.</summary>
    internal ulong FirstBits => firstBits;

    /// <summary>Whether the set has slots past <see cref="FirstWord"/> (see <see cref="AnyInLaterWords"/>).</summary>
    internal bool SpansWords => indexes.Length > 1;

    /// <summary><see cref="AnyIn"/> for the words past <see cref="FirstWord"/>.</summary>
    internal bool AnyInLaterWords(ulong[] words)
    {
        for (var i = 1; i < indexes.Length; i++)
        {
            if ((words[indexes[i]] & bits[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The expression "no slot of the set is set in <paramref name="words"/>", for compiled conditions.</summary>
    internal Expression NoneInExpression(Expression words)
    {
        Expression none = Expression.Constant(true);
        for (var i = indexes.Length - 1; i >= 0; i--)
        {
            var clear = Expression.Equal(
                Expression.And(Expression.ArrayIndex(words, Expression.Constant(indexes[i])), Expression.Constant(bits[i])),
                Expression.Constant(0UL));
            none = i == indexes.Length - 1 ? clear : Expression.AndAlso(clear, none);
        }

        return none;
    }
}
