using System.Collections;
using System.Globalization;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Cards;

/// <summary>Words on cards: labels for ids, the summary length rule, value formatting.</summary>
internal static class CardText
{
    /// <summary>CDS Hooks: a summary is under 140 characters.</summary>
    public const int MaxSummaryLength = 139;

    /// <summary>Shortens a summary to under 140 characters at a word boundary, ending with an ellipsis.</summary>
    public static string Summary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings(" ").Trim();
        if (text.Length <= MaxSummaryLength)
        {
            return text;
        }

        var cut = text[..(MaxSummaryLength - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > MaxSummaryLength / 2 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    /// <summary>The 2017 EULAR/ACR classification in one line: probability and category, its maximum, the subgroup (the ruleset's label, or what the tree still needs), and any disagreement with the subtype.</summary>
    public static string Classification(ClassificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"**EULAR/ACR 2017 classification** (beside the subtype, which it never changes; {(result.BiopsyIncluded ? "with" : "without")} biopsy data): "
            + $"probability {result.Probability * 100:0.#}% ({Category(result.Category)}), up to {result.MaxProbability * 100:0.#}% if every unknown item were met; "
            + $"{Subgroup(result.Subgroup)}");
        return result.Comparison is { } comparison ? $"{line} {comparison}" : line;
    }

    private static string Category(ClassificationCategory category) => category switch
    {
        ClassificationCategory.Definite => "definite IIM",
        ClassificationCategory.Probable => "probable IIM",
        ClassificationCategory.Possible => "possible IIM",
        _ => "not classified as IIM",
    };

    // "subgroup ..." ending with one full stop: the ruleset's label; when the tree stops on unknown findings, those findings in words.
    private static string Subgroup(ClassificationSubgroupResult subgroup)
    {
        var text = subgroup switch
        {
            { Code: ClassificationSubgroup.NotReached, Needs: { Count: > 0 } needs } => "subgroup not reached: it needs " + string.Join(", ", needs.Select(Field)),
            { Code: ClassificationSubgroup.NotReached, Label: { Length: > 0 } label } when label.StartsWith("Not reached", StringComparison.Ordinal) =>
                "subgroup not reached" + label["Not reached".Length..],
            { Code: ClassificationSubgroup.NotReached } => "subgroup not reached",
            { Label: { Length: > 0 } label } => "subgroup " + label,
            _ => "subgroup " + Words(subgroup.Code.ToString()).ToLowerInvariant(),
        };
        return text.EndsWith('.') ? text : text + ".";
    }

    public static string Certainty(Certainty certainty) => certainty switch
    {
        Engine.Assessments.Certainty.MeetsCriteria => "meets ENMC criteria",
        Engine.Assessments.Certainty.Probable => "probable",
        Engine.Assessments.Certainty.Possible => "possible",
        _ => "",
    };

    public static string Alert(AlertId id) => id switch
    {
        AlertId.Dysphagia => "Dysphagia",
        AlertId.RespiratoryWeakness => "Respiratory weakness",
        AlertId.CardiacInvolvement => "Cardiac involvement",
        AlertId.RapidProgression => "Rapid progression",
        AlertId.ExtremeCk => "Very high CK",
        AlertId.CheckpointInhibitorMyositis => "Checkpoint-inhibitor myositis",
        _ => JsonNames.Name(id),
    };

    /// <summary>Whether a subtype names a form of IMNM (the card is then at least a warning).</summary>
    public static bool IsImnm(SubtypeCode code) => code is SubtypeCode.AntiHmgcrStatinExposed or SubtypeCode.AntiHmgcrStatinNaive
        or SubtypeCode.AntiHmgcr or SubtypeCode.AntiSrp or SubtypeCode.Seronegative or SubtypeCode.ConflictingSerology;

    /// <summary>A readable name for an input field path.</summary>
    public static string Field(string path) => path switch
    {
        "ck.value" => "CK value",
        "ck.unit" => "CK unit",
        "ck.comparator" => "CK bound",
        "ck.upperLimitOfNormal" => "CK upper limit of normal",
        "antibodies.hmgcr" => "Anti-HMGCR antibody",
        "antibodies.srp" => "Anti-SRP antibody",
        "antibodies.otherMyositisSpecific" => "Extended myositis antibody panel",
        "antibodies.myositisAssociated" => "Myositis-associated antibodies",
        "biopsy" => "Muscle biopsy",
        "biopsy.pattern" => "Muscle biopsy pattern",
        "biopsy.mhc1Diffuse" => "Biopsy: diffuse MHC class I",
        "biopsy.sarcolemmalMac" => "Biopsy: sarcolemmal MAC",
        "statin.exposure" => "Statin exposure",
        "statin.stoppedWeeksAgo" => "Weeks since the statin was stopped",
        "exposures.immuneCheckpointInhibitor" => "Immune checkpoint inhibitor",
        "clinical.proximalWeakness" => "Proximal weakness",
        "clinical.onset" => "Onset of weakness",
        "clinical.dysphagia" => "Dysphagia",
        "clinical.respiratoryWeakness" => "Respiratory weakness",
        "clinical.cardiacSymptoms" => "Cardiac symptoms",
        "clinical.rash" => "Rash",
        "clinical.myalgia" => "Myalgia",
        "patient.ageYears" => "Age",
        "patient.sex" => "Sex",
        "patient.weightKg" => "Weight",
        "patient.pregnant" => "Pregnancy",
        "comorbidities.knownMalignancy" => "Known malignancy",
        "comorbidities.interstitialLungDisease" => "Interstitial lung disease",
        "comorbidities.renalImpairment" => "Renal impairment",
        "comorbidities.hepaticImpairment" => "Hepatic impairment",
        "comorbidities.diabetes" => "Diabetes",
        "comorbidities.thromboembolicRisk" => "Thromboembolic risk",
        "skin.heliotropeRash" => "Heliotrope rash",
        "skin.gottronPapules" => "Gottron's papules",
        "skin.gottronSign" => "Gottron's sign",
        "clinical.symptomOnsetYearsAgo" => "Years since the first symptom",
        "clinical.weaknessPattern.proximalUpperSymmetric" => "Symmetric proximal weakness of the arms",
        "clinical.weaknessPattern.proximalLowerSymmetric" => "Symmetric proximal weakness of the legs",
        "clinical.weaknessPattern.neckFlexorsWeakerThanExtensors" => "Neck flexors weaker than extensors",
        "clinical.weaknessPattern.legProximalWeakerThanDistal" => "Proximal leg muscles weaker than distal",
        "patient.heightCm" => "Height",
        "patient.ageAtOnsetYears" => "Age at onset",
        _ when path.StartsWith("biopsy.", StringComparison.Ordinal) => "Biopsy: " + Words(path[(path.LastIndexOf('.') + 1)..]).ToLowerInvariant(),
        _ => Words(path[(path.LastIndexOf('.') + 1)..]),
    };

    // "someNewField" or "SomeNewField" as "Some new field": a path the list above does not name still reads as words.
    private static string Words(string name)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>A fact's value as the engine reported it, in words: numbers rounded, unknown said so, red flags by name.</summary>
    public static string Value(object? value) => value switch
    {
        null => "unknown",
        AlertId alert => Alert(alert),
        bool b => b ? "yes" : "no",
        double d => Mapping.Safe.Number(d),
        float f => Mapping.Safe.Number(f),
        int or long or decimal => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        Enum e => EnumName(e),
        string s => s,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Value)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string EnumName(Enum value) =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()).Replace('-', ' ');
}
