using System.Collections.Frozen;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// The code lists of the findings read as booleans: labs (<c>labs.*Elevated</c>, by Observation code), signs and
/// weakness patterns (<c>skin.*</c>, <c>clinical.weaknessPattern.*</c>, by Condition or Observation code),
/// biopsy items (<c>biopsy.*</c>, by report conclusion code) and the Conditions that date the symptom onset.
/// Each key must be a boolean field of the findings schema in its section. A concept is recognised by a
/// configured code, else by a configured phrase in its text or display (never in a text carrying a negation).
/// </summary>
internal sealed class FindingCodes
{
    private readonly FrozenDictionary<string, string> labByCode;
    private readonly List<(string Path, FrozenSet<string> Codes, PhraseMatcher Text)> findings;
    private readonly List<(string Path, FrozenSet<string> Codes, PhraseMatcher Text)> biopsyItems;
    private readonly (FrozenSet<string> Codes, PhraseMatcher Text) onset;
    private readonly FrozenSet<string> interpretationSystems;
    private readonly FrozenDictionary<string, bool> highByInterpretation;

    public FindingCodes(CdsCodeLists lists, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(errors);
        var labs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, codes) in lists.Labs)
        {
            if (PathOf(key, "labs", errors) is { } path)
            {
                foreach (var code in codes.Where(c => !string.IsNullOrWhiteSpace(c.System) && !string.IsNullOrWhiteSpace(c.Code)))
                {
                    labs.TryAdd(CodeBook.Key(code.System, code.Code), path);
                }
            }
        }

        labByCode = labs.ToFrozenDictionary(StringComparer.Ordinal);
        findings = Compile(lists.Findings, ["skin", "clinical"], errors);
        biopsyItems = Compile(lists.BiopsyItems, ["biopsy"], errors);
        onset = (KeysOf(lists.SymptomOnset.Codes), new PhraseMatcher(lists.SymptomOnset.Text));
        LabCodes = [.. lists.Labs.Values.SelectMany(c => c)];
        interpretationSystems = lists.Results.InterpretationSystems.Select(s => CodeBook.Key(s, "")).ToFrozenSet(StringComparer.Ordinal);
        var high = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in lists.Results.HighInterpretations.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            high.TryAdd(code.Trim(), true);
        }

        foreach (var code in lists.Results.NotHighInterpretations.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            high.TryAdd(code.Trim(), false);
        }

        highByInterpretation = high.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every lab code, for the prefetch template.</summary>
    public IReadOnlyList<CodeRef> LabCodes { get; }

    /// <summary>The <c>labs.*</c> finding an Observation code denotes, or <c>null</c>.</summary>
    public string? Lab(CodeableConcept? code) =>
        FhirValues.Codings(code).Select(c => labByCode.GetValueOrDefault(CodeBook.Key(c.System, c.Code))).FirstOrDefault(p => p is not null);

    /// <summary>
    /// Whether a lab result's interpretation calls it high (true) or normal or low (false); <c>null</c> when not
    /// recognised, or when its codings disagree (one high, another normal or low).
    /// </summary>
    public (bool High, string Code)? LabInterpretation(IEnumerable<CodeableConcept>? interpretation)
    {
        (bool High, string Code)? found = null;
        foreach (var coding in FhirValues.Concepts(interpretation).SelectMany(FhirValues.Codings))
        {
            if (coding.Code is { } code
                && (coding.System is null || interpretationSystems.Contains(CodeBook.Key(coding.System, "")))
                && highByInterpretation.TryGetValue(code.Trim(), out var high))
            {
                if (found is { } first && first.High != high)
                {
                    return null;
                }

                found ??= (high, code.Trim());
            }
        }

        return found;
    }

    /// <summary>The sign or weakness-pattern finding a Condition or Observation code denotes, or <c>null</c>.</summary>
    public string? Finding(CodeableConcept? code) => Match(code, findings);

    /// <summary>The biopsy item a report conclusion code denotes, or <c>null</c>.</summary>
    public string? BiopsyItem(CodeableConcept? code) => Match(code, biopsyItems);

    /// <summary>Whether a Condition code denotes the muscle disease or symptoms whose onset is the symptom onset.</summary>
    public bool IsSymptomOnset(CodeableConcept? code) => Matches(code, onset.Codes, onset.Text);

    private static string? Match(CodeableConcept? code, List<(string Path, FrozenSet<string> Codes, PhraseMatcher Text)> concepts)
    {
        foreach (var (path, codes, _) in concepts)
        {
            if (FhirValues.Codings(code).Any(c => codes.Contains(CodeBook.Key(c.System, c.Code))))
            {
                return path;
            }
        }

        foreach (var (path, _, text) in concepts)
        {
            if (Matches(code, FrozenSet<string>.Empty, text))
            {
                return path;
            }
        }

        return null;
    }

    private static bool Matches(CodeableConcept? code, FrozenSet<string> codes, PhraseMatcher text) =>
        FhirValues.Codings(code).Any(c => codes.Contains(CodeBook.Key(c.System, c.Code)))
        || FhirValues.Texts(code).Any(t => !CodeBook.NegationMatcher.IsMatch(t) && text.IsMatch(t));

    private static List<(string, FrozenSet<string>, PhraseMatcher)> Compile(Dictionary<string, BiopsyPatternCodes> lists, string[] sections, List<string> errors)
    {
        var compiled = new List<(string, FrozenSet<string>, PhraseMatcher)>();
        foreach (var (key, concept) in lists)
        {
            if (sections.Select(s => PathOf(key, s, errors: null)).FirstOrDefault(p => p is not null) is { } path)
            {
                compiled.Add((path, KeysOf(concept.Codes), new PhraseMatcher(concept.Text)));
            }
            else
            {
                errors.Add($"'{key}' is not a boolean finding of the sections {string.Join(", ", sections)}.");
            }
        }

        return compiled;
    }

    private static FrozenSet<string> KeysOf(IEnumerable<CodeRef> codes) =>
        codes.Where(c => !string.IsNullOrWhiteSpace(c.System) && !string.IsNullOrWhiteSpace(c.Code))
            .Select(c => CodeBook.Key(c.System, c.Code))
            .ToFrozenSet(StringComparer.Ordinal);

    // Keys arrive lower-cased by the merge; the schema spells the path.
    private static string? PathOf(string key, string section, List<string>? errors)
    {
        var field = FindingsSchema.Fields.FirstOrDefault(f => string.Equals(f.Path, key.Trim(), StringComparison.OrdinalIgnoreCase));
        if (field is { Kind: FindingKind.Boolean } && field.Path.StartsWith(section + ".", StringComparison.Ordinal))
        {
            return field.Path;
        }

        errors?.Add($"'{key}' is not a boolean finding of the {section} section.");
        return null;
    }
}
