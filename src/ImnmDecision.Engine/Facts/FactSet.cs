namespace ImnmDecision.Engine.Facts;

/// <summary>
/// The facts of one case, one slot per fact: a number (booleans 1 or 0, enums their ordinal, sets a bit mask)
/// or NaN when unknown. For an unknown fact, the input fields whose absence made it unknown. Reused across
/// evaluations on one thread, so it is mutable and not shared.
/// </summary>
public sealed class FactSet
{
    private readonly double[] values;
    private readonly ulong[] unknownSources;

    /// <summary>Creates an empty set (every fact unknown).</summary>
    public FactSet()
    {
        // Conditions keep the slots they read as a 64-bit mask.
        if (FactCatalog.All.Count > 64)
        {
            throw new InvalidOperationException("The fact catalog has more than 64 slots; widen the slot masks of conditions and fact sets.");
        }

        values = new double[FactCatalog.All.Count];
        unknownSources = new ulong[FactCatalog.All.Count];
        Clear();
    }

    /// <summary>Fields for which an assumption stands in (the default ULN, the assumed unit).</summary>
    public ulong AssumedFields { get; internal set; }

    /// <summary>The value of a slot, NaN when unknown.</summary>
    public double this[int slot] => values[slot];

    /// <summary>Whether a slot is known.</summary>
    public bool IsKnown(int slot) => !double.IsNaN(values[slot]);

    /// <summary>The fields whose absence made a slot unknown.</summary>
    public ulong UnknownSources(int slot) => unknownSources[slot];

    /// <summary>Marks every fact unknown.</summary>
    public void Clear()
    {
        Array.Fill(values, double.NaN);
        Array.Clear(unknownSources);
        AssumedFields = 0;
        UnknownSlots = values.Length == 64 ? ulong.MaxValue : (1UL << values.Length) - 1;
    }

    internal ReadOnlySpan<double> Values => values;

    /// <summary>The values, for compiled conditions (which only read them).</summary>
    internal double[] Raw => values;

    /// <summary>The unknown slots, as a bit mask.</summary>
    internal ulong UnknownSlots { get; private set; }

    internal void Set(int slot, double value)
    {
        values[slot] = value;
        if (double.IsNaN(value))
        {
            UnknownSlots |= 1UL << slot;
        }
        else
        {
            UnknownSlots &= ~(1UL << slot);
        }
    }

    internal void Set(int slot, bool? value, ulong sourceWhenUnknown)
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

    internal void SetOrdinal(int slot, int? ordinal, ulong sourceWhenUnknown)
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

    internal void SetUnknown(int slot, ulong sources)
    {
        values[slot] = double.NaN;
        UnknownSlots |= 1UL << slot;
        unknownSources[slot] = sources;
    }
}
