using System.Numerics;
using System.Runtime.CompilerServices;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// The findings of one case as flat values in the slots of <see cref="FindingsSchema"/>, which is what the engine
/// evaluates: the readers write straight into it (no objects per row) and batches reuse it. A number slot holds
/// the number, a boolean as 1 or 0, a choice as its ordinal, a set as a bit mask of ordinals; NaN when absent.
/// A text slot holds the text or null.
/// </summary>
internal sealed class FindingValues
{
    private readonly double[] numbers = new double[FindingsSchema.NumberSlots];
    private readonly string?[] texts = new string?[FindingsSchema.TextSlots];

    /// <summary>Creates values with every finding absent.</summary>
    public FindingValues() => Array.Fill(numbers, double.NaN);

    /// <summary>The caller's reference.</summary>
    public string? CaseId
    {
        get => texts[FindingsSchema.CaseId.Slot];
        set => texts[FindingsSchema.CaseId.Slot] = value;
    }

    /// <summary>Whether any finding is given (a unit, a drug name or a caseId alone is no finding).</summary>
    public bool HasAnyFinding
    {
        get
        {
            foreach (var slot in FindingSlots)
            {
                if (!double.IsNaN(numbers[slot]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The number slots of the fields that count as findings (texts never do).</summary>
    private static readonly int[] FindingSlots =
        [.. FindingsSchema.Fields.Where(f => f.IsFinding && f.Kind != FindingKind.Text).Select(f => f.Slot)];

    /// <summary>Every finding absent again.</summary>
    public void Clear()
    {
        Array.Fill(numbers, double.NaN);
        texts.AsSpan().Clear();
    }

    /// <summary>Copies another case's values into these.</summary>
    public void CopyFrom(FindingValues other)
    {
        ArgumentNullException.ThrowIfNull(other);
        other.numbers.CopyTo(numbers, 0);
        other.texts.CopyTo(texts, 0);
    }

    /// <summary>Whether a field has a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(FindingField field) =>
        field.Kind == FindingKind.Text ? texts[field.Slot] is not null : !double.IsNaN(numbers[field.Slot]);

    /// <summary>The raw slot of a non-text field: the number, 1/0, the ordinal or the mask; NaN when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Raw(FindingField field) => numbers[field.Slot];

    /// <summary>Every number slot (NaN when absent), for code that reads many by slot.</summary>
    internal ReadOnlySpan<double> Numbers => numbers;

    /// <summary>A number field's value, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double? Number(FindingField field) => numbers[field.Slot] is var v && double.IsNaN(v) ? null : v;

    /// <summary>A boolean field's value, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool? Boolean(FindingField field) => numbers[field.Slot] is var v && double.IsNaN(v) ? null : v != 0;

    /// <summary>A choice field's ordinal, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int? Ordinal(FindingField field) => numbers[field.Slot] is var v && double.IsNaN(v) ? null : (int)v;

    /// <summary>A choice field's contract spelling, or null.</summary>
    public string? ChoiceName(FindingField field) => Ordinal(field) is { } o ? field.Choices[o] : null;

    /// <summary>A choice field's value as its enum, or null (the enum's numbers are the ordinals).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TEnum? Choice<TEnum>(FindingField field)
        where TEnum : struct, Enum => Ordinal(field) is { } o ? Unsafe.BitCast<int, TEnum>(o) : null;

    /// <summary>A set field's members as a mask of ordinals, or null when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong? Set(FindingField field) => numbers[field.Slot] is var v && double.IsNaN(v) ? null : (ulong)v;

    /// <summary>A set field's members, by spelling, or null when absent.</summary>
    public IReadOnlyList<string>? SetNames(FindingField field) =>
        Set(field) is { } mask ? [.. field.Choices.Where((_, i) => (mask & (1UL << i)) != 0)] : null;

    /// <summary>A text field's value, or null.</summary>
    public string? Text(FindingField field) => texts[field.Slot];

    /// <summary>
    /// Sets a number, boolean (1/0), choice ordinal or set mask; NaN makes it absent. A negative zero (<c>-0</c>,
    /// <c>-1e-400</c>) is stored as zero, so it answers exactly as <c>0</c> does and is never written back as <c>-0</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetRaw(FindingField field, double value) => numbers[field.Slot] = value == 0 ? 0 : value;

    /// <summary>Sets a number (a negative zero as zero), or makes it absent.</summary>
    public void SetNumber(FindingField field, double? value) => numbers[field.Slot] = value is { } number ? (number == 0 ? 0 : number) : double.NaN;

    /// <summary>Sets a boolean, or makes it absent.</summary>
    public void SetBoolean(FindingField field, bool? value) => numbers[field.Slot] = value is { } b ? (b ? 1 : 0) : double.NaN;

    /// <summary>Sets a choice by ordinal, or makes it absent.</summary>
    public void SetOrdinal(FindingField field, int? ordinal) => numbers[field.Slot] = ordinal ?? double.NaN;

    /// <summary>Sets a set by mask, or makes it absent.</summary>
    public void SetMask(FindingField field, ulong? mask) => numbers[field.Slot] = mask is { } m ? m : double.NaN;

    /// <summary>Sets a text, or makes it absent.</summary>
    public void SetText(FindingField field, string? value) => texts[field.Slot] = value;

    /// <summary>Makes a field absent.</summary>
    public void Remove(FindingField field)
    {
        if (field.Kind == FindingKind.Text)
        {
            texts[field.Slot] = null;
        }
        else
        {
            numbers[field.Slot] = double.NaN;
        }
    }

    /// <summary>Whether any field of a section has a value.</summary>
    public bool HasSection(string section)
    {
        foreach (var field in FindingsSchema.Fields)
        {
            if (field.Section == section && Has(field))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of members of a set mask.</summary>
    public static int Count(ulong mask) => BitOperations.PopCount(mask);
}
