using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// Loads the default code lists (<c>CdsHooks/cds-codes.json</c> next to the application, or the file named by
/// <c>CdsHooks:CodesFile</c>) and adds a site's local codes from <c>CdsHooks:Codes</c>. Lists are appended,
/// never replaced, so adding one local code cannot drop a default.
/// </summary>
internal static class CodeListLoader
{
    /// <summary>The shipped defaults, relative to the application folder.</summary>
    public static readonly string DefaultFile = Path.Combine("CdsHooks", "cds-codes.json");

    // A misspelt property in the file must fail loudly, not silently drop a code list.
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static CdsCodeLists Load(string? file, CdsCodeLists? additions)
    {
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(file) ? DefaultFile : file, AppContext.BaseDirectory);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The CDS Hooks code-list file '{path}' does not exist (CdsHooks:CodesFile).");
        }

        CdsCodeLists? defaults;
        try
        {
            defaults = JsonSerializer.Deserialize<CdsCodeLists>(File.ReadAllBytes(path), FileOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The CDS Hooks code-list file '{path}' is not valid: {exception.Path}.", exception);
        }

        defaults ??= new();
        if (!string.IsNullOrWhiteSpace(defaults.Statins.RxNormClosure))
        {
            var closure = Path.GetFullPath(defaults.Statins.RxNormClosure, Path.GetDirectoryName(path)!);
            defaults.Statins.Products = [.. defaults.Statins.Products, .. LoadClosure(closure)];
        }

        return Merge(defaults, additions ?? new());
    }

    private static List<StatinProduct> LoadClosure(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The statin closure file '{path}' named by statins.rxNormClosure does not exist.");
        }

        try
        {
            var file = JsonSerializer.Deserialize<StatinClosureFile>(File.ReadAllBytes(path), FileOptions);
            return file?.Concepts ?? [];
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The statin closure file '{path}' is not valid: {exception.Path}.", exception);
        }
    }

    public static CdsCodeLists Merge(CdsCodeLists defaults, CdsCodeLists additions)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(additions);
        return new CdsCodeLists
        {
            Ck = [.. defaults.Ck, .. additions.Ck],
            Hmgcr = [.. defaults.Hmgcr, .. additions.Hmgcr],
            Srp = [.. defaults.Srp, .. additions.Srp],
            OtherMyositisAntibodies = MergeMap(defaults.OtherMyositisAntibodies, additions.OtherMyositisAntibodies, (a, b) => [.. a, .. b]),
            BodyWeight = [.. defaults.BodyWeight, .. additions.BodyWeight],
            ChildWeightCurrentForDays = additions.ChildWeightCurrentForDays ?? defaults.ChildWeightCurrentForDays,
            Statins = new StatinCodeLists
            {
                RxNormSystem = defaults.Statins.RxNormSystem,
                AtcSystem = defaults.Statins.AtcSystem,
                AtcSystems = [.. defaults.Statins.AtcSystems, .. additions.Statins.AtcSystems],
                RxNormClosure = defaults.Statins.RxNormClosure,
                Products = [.. defaults.Statins.Products, .. additions.Statins.Products],
                AtcPrefixes = [.. defaults.Statins.AtcPrefixes, .. additions.Statins.AtcPrefixes],
                Ingredients = MergeIngredients(defaults.Statins.Ingredients, additions.Statins.Ingredients),
                LocalCodes = [.. defaults.Statins.LocalCodes, .. additions.Statins.LocalCodes],
            },
            Results = new ResultCodeLists
            {
                InterpretationSystems = [.. defaults.Results.InterpretationSystems, .. additions.Results.InterpretationSystems],
                PositiveInterpretations = [.. defaults.Results.PositiveInterpretations, .. additions.Results.PositiveInterpretations],
                NegativeInterpretations = [.. defaults.Results.NegativeInterpretations, .. additions.Results.NegativeInterpretations],
                EquivocalInterpretations = [.. defaults.Results.EquivocalInterpretations, .. additions.Results.EquivocalInterpretations],
                PositiveValues = [.. defaults.Results.PositiveValues, .. additions.Results.PositiveValues],
                NegativeValues = [.. defaults.Results.NegativeValues, .. additions.Results.NegativeValues],
                EquivocalValues = [.. defaults.Results.EquivocalValues, .. additions.Results.EquivocalValues],
                NegativeText = [.. defaults.Results.NegativeText, .. additions.Results.NegativeText],
                EquivocalText = [.. defaults.Results.EquivocalText, .. additions.Results.EquivocalText],
                PositiveText = [.. defaults.Results.PositiveText, .. additions.Results.PositiveText],
                NegationText = [.. defaults.Results.NegationText, .. additions.Results.NegationText],
                HighInterpretations = [.. defaults.Results.HighInterpretations, .. additions.Results.HighInterpretations],
                NotHighInterpretations = [.. defaults.Results.NotHighInterpretations, .. additions.Results.NotHighInterpretations],
            },
            Units = new UnitAliases
            {
                UnitsPerLitre = [.. defaults.Units.UnitsPerLitre, .. additions.Units.UnitsPerLitre],
                MicrokatalPerLitre = [.. defaults.Units.MicrokatalPerLitre, .. additions.Units.MicrokatalPerLitre],
                NanokatalPerLitre = [.. defaults.Units.NanokatalPerLitre, .. additions.Units.NanokatalPerLitre],
                Kilograms = [.. defaults.Units.Kilograms, .. additions.Units.Kilograms],
                Pounds = [.. defaults.Units.Pounds, .. additions.Units.Pounds],
                Grams = [.. defaults.Units.Grams, .. additions.Units.Grams],
            },
            BiopsyPatterns = MergeMap(defaults.BiopsyPatterns, additions.BiopsyPatterns, Combine),
            BiopsyReportCategories = [.. defaults.BiopsyReportCategories, .. additions.BiopsyReportCategories],
            Labs = MergeMap(defaults.Labs, additions.Labs, (a, b) => [.. a, .. b]),
            Findings = MergeMap(defaults.Findings, additions.Findings, Combine),
            BiopsyItems = MergeMap(defaults.BiopsyItems, additions.BiopsyItems, Combine),
            SymptomOnset = Combine(defaults.SymptomOnset, additions.SymptomOnset),
            PatientSex = PatientSexLists.Merge(defaults.PatientSex, additions.PatientSex),
            Pregnancy = new PregnancyCodeLists
            {
                Observations = [.. defaults.Pregnancy.Observations, .. additions.Pregnancy.Observations],
                Pregnant = [.. defaults.Pregnancy.Pregnant, .. additions.Pregnancy.Pregnant],
                NotPregnant = [.. defaults.Pregnancy.NotPregnant, .. additions.Pregnancy.NotPregnant],
                Conditions = [.. defaults.Pregnancy.Conditions, .. additions.Pregnancy.Conditions],
                ConditionCurrentForWeeks = defaults.Pregnancy.ConditionCurrentForWeeks,
                NotPregnantCurrentForDays = defaults.Pregnancy.NotPregnantCurrentForDays,
            },
            OverrideReasons = new OverrideReasonLists
            {
                System = defaults.OverrideReasons.System,
                Assessment = [.. defaults.OverrideReasons.Assessment, .. additions.OverrideReasons.Assessment],
                StatinOrder = [.. defaults.OverrideReasons.StatinOrder, .. additions.OverrideReasons.StatinOrder],
            },
        };
    }

    private static BiopsyPatternCodes Combine(BiopsyPatternCodes a, BiopsyPatternCodes b) =>
        new() { Codes = [.. a.Codes, .. b.Codes], Text = [.. a.Text, .. b.Text] };

    private static Dictionary<string, T> MergeMap<T>(Dictionary<string, T> defaults, Dictionary<string, T> additions, Func<T, T, T> combine)
    {
        var merged = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in defaults.Concat(additions))
        {
            var name = key.Trim().ToLowerInvariant();
            merged[name] = merged.TryGetValue(name, out var existing) ? combine(existing, value) : value;
        }

        return merged;
    }

    private static List<StatinIngredient> MergeIngredients(List<StatinIngredient> defaults, List<StatinIngredient> additions)
    {
        var merged = new List<StatinIngredient>();
        foreach (var ingredient in defaults.Concat(additions))
        {
            var existing = merged.Find(i => string.Equals(i.Name, ingredient.Name, StringComparison.OrdinalIgnoreCase));
            if (existing is null)
            {
                merged.Add(new StatinIngredient { Name = ingredient.Name, RxNorm = [.. ingredient.RxNorm], Atc = [.. ingredient.Atc], Text = [.. ingredient.Text] });
            }
            else
            {
                existing.RxNorm.AddRange(ingredient.RxNorm);
                existing.Atc.AddRange(ingredient.Atc);
                existing.Text.AddRange(ingredient.Text);
            }
        }

        return merged;
    }
}
