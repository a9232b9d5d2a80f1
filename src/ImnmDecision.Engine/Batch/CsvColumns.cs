using System.Collections.Frozen;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// The columns of a cohort CSV: each is the JSON path of a <c>Findings</c> field. Any subset, in any order,
/// with a header row. An empty cell means "not known" (never false or none).
/// </summary>
public static class CsvColumns
{
    /// <summary>
    /// In <c>antibodies.otherMyositisSpecific</c>: the extended panel was done and none was positive
    /// (JSON <c>[]</c>). Several positive antibodies are separated by <c>;</c> or <c>|</c>.
    /// </summary>
    public const string NoneToken = "none";

    /// <summary>Every column, in the order the cohort generator writes them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "caseId",
        "patient.ageYears",
        "patient.sex",
        "patient.weightKg",
        "patient.pregnant",
        "ck.value",
        "ck.unit",
        "ck.upperLimitOfNormal",
        "antibodies.hmgcr",
        "antibodies.srp",
        "antibodies.otherMyositisSpecific",
        "biopsy.performed",
        "biopsy.pattern",
        "biopsy.mhc1Diffuse",
        "biopsy.sarcolemmalMac",
        "statin.exposure",
        "statin.drug",
        "clinical.proximalWeakness",
        "clinical.onset",
        "clinical.dysphagia",
        "clinical.respiratoryWeakness",
        "clinical.cardiacSymptoms",
        "clinical.rash",
        "clinical.myalgia",
        "comorbidities.knownMalignancy",
        "comorbidities.interstitialLungDisease",
        "comorbidities.renalImpairment",
        "comorbidities.hepaticImpairment",
        "comorbidities.diabetes",
        "comorbidities.thromboembolicRisk",
    ];

    private static readonly FrozenDictionary<string, FindingsColumn> ByName =
        All.Select((name, index) => (name, index)).ToFrozenDictionary(p => p.name, p => (FindingsColumn)p.index, StringComparer.Ordinal);

    /// <summary>Whether a name is a column (exact, case-sensitive: the JSON path).</summary>
    public static bool IsColumn(string name) => ByName.ContainsKey(name);

    /// <summary>The column whose name differs from <paramref name="name"/> only in case, if any: for a helpful error.</summary>
    public static string? CaseInsensitiveMatch(string name) =>
        All.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));

    internal static bool TryGet(string name, out FindingsColumn column) => ByName.TryGetValue(name, out column);

    internal static string NameOf(FindingsColumn column) => All[(int)column];
}
