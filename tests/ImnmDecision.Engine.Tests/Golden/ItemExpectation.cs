namespace ImnmDecision.Engine.Tests.Golden;

/// <summary>What must hold for one workup item or treatment option; every field optional.</summary>
public sealed record ItemExpectation
{
    public string? Priority { get; init; }

    public string? Status { get; init; }

    public string? Role { get; init; }

    public bool? Avoid { get; init; }

    /// <summary>A workup item's risk category (the IMACS 2023 cancer risk on <c>cancer-screening</c>).</summary>
    public string? RiskCategory { get; init; }

    /// <summary>Risk factor ids the item must list as held.</summary>
    public IReadOnlyList<string>? RiskFactors { get; init; }

    /// <summary>Risk factor ids the item must list as unknown factors that could raise the category.</summary>
    public IReadOnlyList<string>? RiskFactorsCouldRaise { get; init; }

    /// <summary>Risk factor ids the item must list neither as held nor as could-raise.</summary>
    public IReadOnlyList<string>? RiskFactorsAbsent { get; init; }

    /// <summary>Schedule step ids the item must list.</summary>
    public IReadOnlyList<string>? Schedule { get; init; }

    /// <summary>Schedule step ids the item must not list.</summary>
    public IReadOnlyList<string>? ScheduleAbsent { get; init; }

    /// <summary>Substrings that some caution of the item must contain.</summary>
    public IReadOnlyList<string>? CautionsContain { get; init; }
}
