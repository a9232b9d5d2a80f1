using ImnmDecision.Engine.Rules.Loading;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// Loads <c>rules/</c> strictly: every unknown property, fact, operator, kind, parameter, named condition or
/// citation, every type mismatch, duplicate id and rule without citation or rationale is reported with its
/// file and JSON path. A ruleset with any defect does not load. The reading itself is in <c>Loading/</c>: files
/// and paths, catalogues, conditions, actions, and the checks across rules.
/// </summary>
public static class RulesetLoader
{
    /// <summary>The ruleset's main file.</summary>
    public const string RulesetFile = "ruleset.json";

    /// <summary>The citation catalogue.</summary>
    public const string CitationsFile = "citations.json";

    /// <summary>The risk stratifications workup items may carry (optional).</summary>
    public const string StratificationsFile = "stratifications.json";

    /// <summary>Parameter holding the default CK ULN for women, in U/L.</summary>
    public const string DefaultUlnFemaleParameter = "ck.defaultUln.female";

    /// <summary>Parameter holding the default CK ULN for everyone else, in U/L.</summary>
    public const string DefaultUlnOtherParameter = "ck.defaultUln.other";

    /// <summary>Parameter holding the age, in years, below which a patient is a child (fact patient.child).</summary>
    public const string ChildUnderYearsParameter = "age.childUnderYears";

    /// <summary>
    /// The nearest folder named <c>rules</c> holding a <see cref="RulesetFile"/>, walking up from each start in
    /// turn (the working directory, then the application's own folder, say); null when there is none.
    /// </summary>
    public static string? FindFolder(params ReadOnlySpan<string> starts)
    {
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "rules");
                if (File.Exists(Path.Combine(candidate, RulesetFile)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Loads and validates a ruleset, or throws <see cref="RulesetLoadException"/> listing every defect.</summary>
    public static Ruleset Load(string folder, TimeProvider? clock = null)
    {
        var (ruleset, errors) = Check(folder, clock);
        return errors.Count == 0 ? ruleset! : throw new RulesetLoadException(errors);
    }

    /// <summary>Loads and validates a ruleset, returning it (when valid) and every defect found.</summary>
    public static (Ruleset? Ruleset, IReadOnlyList<RulesetError> Errors) Check(string folder, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var reader = new RulesetReader(Path.GetFullPath(folder), clock ?? TimeProvider.System);
        var ruleset = reader.Read();
        return (reader.Errors.Count == 0 ? ruleset : null, reader.Errors);
    }
}
