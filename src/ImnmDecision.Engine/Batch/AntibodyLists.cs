using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Shares the list of positive antibodies between rows with the same ones, so that reading a row allocates no
/// list. One per parser; not thread-safe. Bounded in size.
/// </summary>
internal sealed class AntibodyLists
{
    private const int MaxEntries = 4096;

    private readonly Dictionary<ulong, MyositisAntibody[]> lists = [];

    /// <summary>The shared list of the antibodies in a mask, in the contract's order.</summary>
    public MyositisAntibody[] For(ulong mask)
    {
        if (!lists.TryGetValue(mask, out var list))
        {
            list = [.. Enum.GetValues<MyositisAntibody>().Where(a => (mask & (1UL << (int)a)) != 0)];
            if (lists.Count < MaxEntries)
            {
                lists[mask] = list;
            }
        }

        return list;
    }
}
