namespace ImnmDecision.Engine.Facts;

/// <summary>A fact that rules may read: its name, type, unit and allowed values.</summary>
public sealed record FactDefinition
{
    /// <summary>The name rules use, for example <c>ck.timesUln</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The type.</summary>
    public required FactType Type { get; init; }

    /// <summary>Unit of a number fact.</summary>
    public string? Unit { get; init; }

    /// <summary>Allowed values of an enum or set fact, by ordinal.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>What the fact means, for rule authors.</summary>
    public required string Description { get; init; }

    /// <summary>When it becomes known.</summary>
    public FactPhase Phase { get; init; } = FactPhase.Findings;

    /// <summary>Its slot in a <see cref="FactSet"/>.</summary>
    public int Slot { get; init; }

    /// <summary>The ordinal of an enum or set value, or -1.</summary>
    public int OrdinalOf(string value)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (string.Equals(Values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
