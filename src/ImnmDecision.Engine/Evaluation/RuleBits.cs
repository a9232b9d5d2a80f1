using System.Numerics;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// A set of positions (rules by their place in the answer's order, say), with no limit on how many: one bit
/// each, in as many 64-bit words as the count needs. Enumerates its members in ascending order, allocating nothing.
/// </summary>
internal readonly struct RuleBits
{
    private readonly ulong[] words;

    /// <param name="count">How many positions there are (0 to count - 1).</param>
    public RuleBits(int count) => words = new ulong[(count + 63) >> 6];

    public void Add(int position) => words[position >> 6] |= 1UL << (position & 63);

    public bool Contains(int position) => (words[position >> 6] & (1UL << (position & 63))) != 0;

    public void Clear()
    {
        // A kind's rules mostly fit in one word, and this runs for every case: that word alone is cleared inline.
        if (words.Length == 1)
        {
            words[0] = 0;
        }
        else
        {
            Array.Clear(words);
        }
    }

    public Enumerator GetEnumerator() => new(words);

    /// <summary>The members, lowest first.</summary>
    public ref struct Enumerator(ulong[] words)
    {
        private int word = -1;
        private ulong bits;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (bits == 0)
            {
                if (++word >= words.Length)
                {
                    return false;
                }

                bits = words[word];
            }

            Current = (word << 6) + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            return true;
        }
    }
}
