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

    /// <summary>Creates an empty set (every fact unknown).</summary>
    public FactSet()
    {
        values = new double[FactCatalog.All.Count];
        unknownSources = new FieldMask[FactCatalog.All.Count];
        unknownSlots = new ulong[SlotMask.WordsFor(values.Length)];
        Clear();
    }

    /// <summary>
    /// Changes whenever a value does (each set and clear): what is derived from the facts at one version holds
    /// until the version changes (the rule traces of one answer share a named condition's trace so).
    /// </summary>
    internal long Version { get; private set; }

    /// <summary>Fields for which an assumption stands in (the default ULN, the assumed unit).</summary>
    public FieldMask AssumedFields { get; internal set; }

    /// <summary>The value of a slot, NaN when unknown.</summary>
    public double this[int slot] => values[slot];

    /// <summary>Whether a slot is known.</summary>
    public bool IsKnown(int slot) => !double.IsNaN(values[slot]);

    /// <summary>The fields whose absence made a slot unknown.</summary>
    public FieldMask UnknownSources(int slot) => unknownSources[slot];

    /// <summary>Marks every fact unknown.</summary>
    public void Clear()
    {
        Version++;
        Array.Fill(values, double.NaN);
        unknownSources.AsSpan().Clear();
        AssumedFields = 0;
        Array.Fill(unknownSlots, ulong.MaxValue);
    }

    internal ReadOnlySpan<double> Values => values;

    /// <summary>The values, for compiled conditions (which only read them).</summary>
    internal double[] Raw => values;

    /// <summary>The unknown slots, one bit each in 64-bit words (see <see cref="SlotMask"/>); bits past the last slot stay set and are never read.</summary>
    internal ulong[] UnknownSlots => unknownSlots;

    internal void Set(int slot, double value)
    {
        Version++;
        values[slot] = value;
        if (double.IsNaN(value))
        {
            unknownSlots[SlotMask.WordOf(slot)] |= SlotMask.BitOf(slot);
        }
        else
        {
            unknownSlots[SlotMask.WordOf(slot)] &= ~SlotMask.BitOf(slot);
        }
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

    internal void SetUnknown(int slot, FieldMask sources)
    {
        Version++;
        values[slot] = double.NaN;
        unknownSlots[SlotMask.WordOf(slot)] |= SlotMask.BitOf(slot);
        unknownSources[slot] = sources;
    }
}
