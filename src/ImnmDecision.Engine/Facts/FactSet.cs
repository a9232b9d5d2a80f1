using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ImnmDecision.Engine.Facts;

/// <summary>
/// The facts of one case, one slot per fact: a number (booleans 1 or 0, enums their ordinal, sets a bit mask)
/// or NaN when unknown. For an unknown fact, the input fields whose absence made it unknown. Reused across
/// evaluations on one thread, so it is mutable and not shared.
/// </summary>
public sealed class FactSet
{
    private readonly double[] values;
    private readonly FieldMask[] unknownSources;
    private readonly ulong[] unknownSlots;

    // The slots whose source this case wrote into unknownSources (SetUnknown), one bit each; the others take theirs
    // from loadedSources (the first loadedCount slots, written at once by Load), or have none.
    private readonly ulong[] ownSources;
    private FieldMask[] loadedSources = [];
    private int loadedCount;
    private Lock? derivedLock;
    private Dictionary<object, object>? derived;
    private bool changed; // since derived was last made

    /// <summary>Creates an empty set (every fact unknown).</summary>
    public FactSet()
        : this(keepsSources: true)
    {
    }

    private FactSet(bool keepsSources)
    {
        values = new double[FactCatalog.All.Count];
        unknownSources = keepsSources ? new FieldMask[FactCatalog.All.Count] : [];
        unknownSlots = new ulong[SlotMask.WordsFor(values.Length)];
        ownSources = new ulong[unknownSlots.Length];
        Clear();
    }

    /// <summary>
    /// An empty set that keeps values only, for a copy of a case's final facts (see
    /// <see cref="Assessments.TraceSource"/>): it is only <see cref="Set(int, double)"/>; an unknown slot has no source.
    /// </summary>
    internal static FactSet ValuesOnly() => new(keepsSources: false);

    /// <summary>
    /// What <paramref name="make"/> derives from these facts for <paramref name="key"/>, made once while the facts
    /// stay as they are (any set or clear makes it again; the traces of one answer share a named condition's trace
    /// so). Thread-safe; <paramref name="make"/> may itself ask for what it derives from.
    /// </summary>
    internal T Derived<TKey, T>(TKey key, Func<FactSet, T> make)
        where TKey : class
        where T : class
    {
        lock (LazyInitializer.EnsureInitialized(ref derivedLock))
        {
            if (derived is null || changed)
            {
                derived = new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
                changed = false;
            }

            if (!derived.TryGetValue(key, out var value))
            {
                value = make(this);
                derived[key] = value;
            }

            return (T)value;
        }
    }

    /// <summary>Fields for which an assumption stands in (the default ULN, the assumed unit).</summary>
    public FieldMask AssumedFields { get; internal set; }

    /// <summary>The value of a slot, NaN when unknown.</summary>
    public double this[int slot] => values[slot];

    /// <summary>Whether a slot is known.</summary>
    public bool IsKnown(int slot) => !double.IsNaN(values[slot]);

    /// <summary>The fields whose absence made a slot unknown.</summary>
    public FieldMask UnknownSources(int slot)
    {
        if (!double.IsNaN(values[slot]) || slot >= unknownSources.Length)
        {
            return FieldMask.Zero;
        }

        return (ownSources[SlotMask.WordOf(slot)] & SlotMask.BitOf(slot)) != 0 ? unknownSources[slot]
            : slot < loadedCount ? loadedSources[slot]
            : FieldMask.Zero;
    }

    /// <summary>Marks every fact unknown.</summary>
    public void Clear() => Begin(0);

    /// <summary>
    /// Starts a case whose first <paramref name="loaded"/> slots the caller writes at once (<see cref="Load"/>):
    /// the others are unknown with no source, as after <see cref="Clear"/>.
    /// </summary>
    internal void Begin(int loaded)
    {
        changed = true;
        values.AsSpan(loaded).Fill(double.NaN);
        for (var word = 0; word < unknownSlots.Length; word++) // a word or two: no call to clear them
        {
            ownSources[word] = 0;
            unknownSlots[word] = ulong.MaxValue;
        }

        loadedCount = 0;
        AssumedFields = 0;
    }

    /// <summary>
    /// Writes slots 0 to <c>sources.Length - 1</c> at once, after <see cref="Begin"/>: slot i takes <c>read[i]</c>
    /// (NaN when unknown), and the source it names when unknown from <paramref name="sources"/>, which the set keeps
    /// (not a copy: the caller does not change it).
    /// </summary>
    internal void Load(ReadOnlySpan<double> read, FieldMask[] sources)
    {
        changed = true;
        var count = sources.Length;
        read = read[..count];
        loadedSources = sources; // read only while a slot is unknown (see UnknownSources)
        loadedCount = count;
        for (var word = 0; word << 6 < count; word++)
        {
            var start = word << 6;
            var length = Math.Min(64, count - start);
            unknownSlots[word] &= ~CopyKnown(read.Slice(start, length), values.AsSpan(start, length));
        }
    }

    /// <summary>Copies up to 64 values and tells which of them are known (not NaN), one bit each, in one pass.</summary>
    private static ulong CopyKnown(ReadOnlySpan<double> from, Span<double> to)
    {
        var known = 0UL;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(from);
            ref var target = ref MemoryMarshal.GetReference(to[..from.Length]);
            for (; i + 4 <= from.Length; i += 4)
            {
                var quad = Vector256.LoadUnsafe(ref source, (nuint)i);
                quad.StoreUnsafe(ref target, (nuint)i);
                known |= (ulong)Vector256.Equals(quad, quad).ExtractMostSignificantBits() << i; // NaN is unequal to itself
            }
        }

        for (; i < from.Length; i++)
        {
            to[i] = from[i];
            known |= (double.IsNaN(from[i]) ? 0UL : 1UL) << i;
        }

        return known;
    }

    internal ReadOnlySpan<double> Values => values;

    /// <summary>The values, for compiled conditions (which only read them).</summary>
    internal double[] Raw => values;

    /// <summary>The unknown slots, one bit each in 64-bit words (see <see cref="SlotMask"/>); bits past the last slot stay set and are never read.</summary>
    internal ulong[] UnknownSlots => unknownSlots;

    internal void Set(int slot, double value)
    {
        changed = true;
        values[slot] = value;
        ref var word = ref unknownSlots[slot >> 6];
        word = (word & ~(1UL << slot)) | ((double.IsNaN(value) ? 1UL : 0) << slot); // a shift of a ulong takes the slot mod 64
    }

    internal void Set(int slot, bool? value, FieldMask sourceWhenUnknown)
    {
        if (value is { } known)
        {
            Set(slot, known ? 1 : 0);
        }
        else
        {
            SetUnknown(slot, sourceWhenUnknown);
        }
    }

    internal void SetOrdinal(int slot, int? ordinal, FieldMask sourceWhenUnknown)
    {
        if (ordinal is { } known)
        {
            Set(slot, known);
        }
        else
        {
            SetUnknown(slot, sourceWhenUnknown);
        }
    }

    /// <summary>Makes each of <paramref name="slots"/> unknown, from <paramref name="sources"/>.</summary>
    internal void SetUnknown(ReadOnlySpan<int> slots, FieldMask sources)
    {
        changed = true;
        var (values, unknownSlots, unknownSources, ownSources) = (this.values, this.unknownSlots, this.unknownSources, this.ownSources);
        foreach (var slot in slots)
        {
            values[slot] = double.NaN;
            unknownSlots[SlotMask.WordOf(slot)] |= SlotMask.BitOf(slot);
            unknownSources[slot] = sources;
            ownSources[SlotMask.WordOf(slot)] |= SlotMask.BitOf(slot);
        }
    }

    internal void SetUnknown(int slot, FieldMask sources)
    {
        changed = true;
        values[slot] = double.NaN;
        unknownSlots[SlotMask.WordOf(slot)] |= SlotMask.BitOf(slot);
        unknownSources[slot] = sources;
        ownSources[SlotMask.WordOf(slot)] |= SlotMask.BitOf(slot);
    }
}
