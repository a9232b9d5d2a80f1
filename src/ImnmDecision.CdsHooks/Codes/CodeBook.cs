using System.Collections.Frozen;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// The merged code lists compiled into lookups: which Observation is a CK or an antibody, how a result
/// reads, which unit a value is in, which biopsy pattern a report concludes. Immutable and thread-safe.
/// </summary>
internal sealed class CodeBook
{
    /// <summary>The key of anti-HMGCR among the antibody kinds.</summary>
    public const string Hmgcr = "hmgcr";

    /// <summary>The key of anti-SRP among the antibody kinds.</summary>
    public const string Srp = "srp";

    // Code systems are also sent under their HL7 OIDs; both spellings mean the same system.
    private static readonly FrozenDictionary<string, string> SystemAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["urn:oid:2.16.840.1.113883.6.1"] = "http://loinc.org",
        ["urn:oid:2.16.840.1.113883.6.96"] = "http://snomed.info/sct",
        ["urn:oid:2.16.840.1.113883.6.88"] = "http://www.nlm.nih.gov/research/umls/rxnorm",
        ["urn:oid:2.16.840.1.113883.6.73"] = "http://www.whocc.no/atc",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // A conclusion text that negates ("no necrotizing myopathy") is never read as the pattern.
    internal static readonly PhraseMatcher NegationMatcher = new(["no", "not", "without", "negative", "absent", "absence of", "lack of", "rule out", "ruled out"]);

    private readonly FrozenSet<string> ck;
    private readonly FrozenSet<string> bodyWeight;
    private readonly FrozenDictionary<string, string> antibodyByCode;
    private readonly FrozenSet<string> interpretationSystems;
    private readonly FrozenDictionary<string, AntibodyResult> interpretationCodes;
    private readonly FrozenDictionary<string, AntibodyResult> valueCodes;
    private readonly PhraseMatcher negativeText;
    private readonly PhraseMatcher equivocalText;
    private readonly PhraseMatcher positiveText;
    private readonly PhraseMatcher negationText;
    private readonly FrozenDictionary<string, (CkUnit Unit, decimal Factor)> ckUnits;
    private readonly FrozenDictionary<string, double> kilogramFactors;
    private readonly FrozenDictionary<string, BiopsyPattern> biopsyByCode;
    private readonly List<(BiopsyPattern Pattern, PhraseMatcher Text)> biopsyText;

    public CodeBook(CdsCodeLists lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        Lists = lists;
        var errors = new List<string>();
        ck = Keys(lists.Ck, "ck", errors).ToFrozenSet(StringComparer.Ordinal);
        bodyWeight = Keys(lists.BodyWeight, "bodyWeight", errors).ToFrozenSet(StringComparer.Ordinal);
        if (lists.ChildWeightCurrentForDays is < 0)
        {
            errors.Add("childWeightCurrentForDays must be 0 or a positive number of days.");
        }

        var antibodies = new Dictionary<string, string>(StringComparer.Ordinal);
        AddAntibody(antibodies, lists.Hmgcr, Hmgcr, errors);
        AddAntibody(antibodies, lists.Srp, Srp, errors);
        var others = new List<MyositisAntibody>();
        foreach (var (name, codes) in lists.OtherMyositisAntibodies)
        {
            if (!JsonNames.TryParse<MyositisAntibody>(name, out var antibody))
            {
                errors.Add($"otherMyositisAntibodies: '{name}' is not an antibody of the contract ({string.Join(", ", JsonNames.Names<MyositisAntibody>())}).");
                continue;
            }

            others.Add(antibody);
            AddAntibody(antibodies, codes, name, errors);
        }

        antibodyByCode = antibodies.ToFrozenDictionary(StringComparer.Ordinal);
        OtherAntibodies = others;

        var results = lists.Results;
        interpretationSystems = results.InterpretationSystems.Select(NormalizeSystem).ToFrozenSet(StringComparer.Ordinal);
        var interpretations = new Dictionary<string, AntibodyResult>(StringComparer.OrdinalIgnoreCase);
        AddCodes(interpretations, results.PositiveInterpretations, AntibodyResult.Positive);
        AddCodes(interpretations, results.NegativeInterpretations, AntibodyResult.Negative);
        AddCodes(interpretations, results.EquivocalInterpretations, AntibodyResult.Equivocal);
        interpretationCodes = interpretations.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        var values = new Dictionary<string, AntibodyResult>(StringComparer.Ordinal);
        AddCodes(values, Keys(results.PositiveValues, "results.positiveValues", errors), AntibodyResult.Positive);
        AddCodes(values, Keys(results.NegativeValues, "results.negativeValues", errors), AntibodyResult.Negative);
        AddCodes(values, Keys(results.EquivocalValues, "results.equivocalValues", errors), AntibodyResult.Equivocal);
        valueCodes = values.ToFrozenDictionary(StringComparer.Ordinal);
        negativeText = new PhraseMatcher(results.NegativeText);
        equivocalText = new PhraseMatcher(results.EquivocalText);
        positiveText = new PhraseMatcher(results.PositiveText);
        negationText = new PhraseMatcher(results.NegationText);

        // Unit spellings are matched ignoring case: UCUM's case-sensitive codes are sent in every case in practice
        // (U/L, u/L, UNITS/L), and no two CK units differ only by case.
        // Factors are decimal, so that a conversion is exact (1,368 nkat/L is 1.368 ukat/L, not 1.3680000000000001).
        var units = new Dictionary<string, (CkUnit, decimal)>(StringComparer.OrdinalIgnoreCase);
        AddCodes(units, lists.Units.UnitsPerLitre, (CkUnit.UnitsPerLitre, 1m));
        AddCodes(units, lists.Units.MicrokatalPerLitre, (CkUnit.MicrokatalPerLitre, 1m));
        AddCodes(units, lists.Units.NanokatalPerLitre, (CkUnit.MicrokatalPerLitre, 0.001m));
        ckUnits = units.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        var weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        AddCodes(weights, lists.Units.Kilograms, 1.0);
        AddCodes(weights, lists.Units.Pounds, 0.45359237);
        AddCodes(weights, lists.Units.Grams, 0.001);
        kilogramFactors = weights.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        var biopsyCodes = new Dictionary<string, BiopsyPattern>(StringComparer.Ordinal);
        biopsyText = [];
        foreach (var (name, pattern) in lists.BiopsyPatterns)
        {
            if (!JsonNames.TryParse<BiopsyPattern>(name, out var value))
            {
                errors.Add($"biopsyPatterns: '{name}' is not a biopsy pattern of the contract ({string.Join(", ", JsonNames.Names<BiopsyPattern>())}).");
                continue;
            }

            AddCodes(biopsyCodes, Keys(pattern.Codes, $"biopsyPatterns.{name}", errors), value);
            biopsyText.Add((value, new PhraseMatcher(pattern.Text)));
        }

        biopsyByCode = biopsyCodes.ToFrozenDictionary(StringComparer.Ordinal);
        _ = Keys(lists.BiopsyReportCategories, "biopsyReportCategories", errors).ToList();
        Statins = new StatinMatcher(lists.Statins, errors);
        Findings = new FindingCodes(lists, errors);
        PatientSex = new PatientSexReader(lists.PatientSex, errors);
        Pregnancy = new PregnancyCodes(lists.Pregnancy, errors);

        if (lists.OverrideReasons.Assessment.Concat(lists.OverrideReasons.StatinOrder).Any(r => string.IsNullOrWhiteSpace(r.Code) || string.IsNullOrWhiteSpace(r.Display)))
        {
            errors.Add("overrideReasons: every reason needs a code and a display.");
        }

        if (ck.Count == 0 || lists.Hmgcr.Count == 0 || lists.Srp.Count == 0)
        {
            errors.Add("ck, hmgcr and srp each need at least one code.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The CDS Hooks code lists are not valid: " + string.Join(" ", errors));
        }
    }

    /// <summary>The merged lists, for building prefetch templates.</summary>
    public CdsCodeLists Lists { get; }

    /// <summary>The other myositis antibodies that have codes configured.</summary>
    public IReadOnlyList<MyositisAntibody> OtherAntibodies { get; }

    /// <summary>Statin recognition.</summary>
    public StatinMatcher Statins { get; }

    /// <summary>The codes of the lab, sign, weakness-pattern and biopsy-item findings.</summary>
    public FindingCodes Findings { get; }

    /// <summary>The patient's sex from an extension, when <c>gender</c> does not give it.</summary>
    public PatientSexReader PatientSex { get; }

    /// <summary>The pregnancy status Observations and their answers, and the pregnancy Conditions.</summary>
    public PregnancyCodes Pregnancy { get; }

    /// <summary>The key used for matching: the system (OIDs turned into URIs, no trailing slash), a bar, the code.</summary>
    public static string Key(string? system, string? code) => $"{NormalizeSystem(system ?? "")}|{code?.Trim()}";

    public bool IsCk(CodeableConcept? code) => Matches(code, ck);

    public bool IsBodyWeight(CodeableConcept? code) => Matches(code, bodyWeight);

    /// <summary>Days a weight stands for a patient who is a child now; <c>null</c> for no limit.</summary>
    public int? ChildWeightCurrentForDays => Lists.ChildWeightCurrentForDays;

    /// <summary>Which antibody an Observation code denotes: <c>hmgcr</c>, <c>srp</c>, another contract name, or <c>null</c>.</summary>
    public string? Antibody(CodeableConcept? code)
    {
        foreach (var coding in FhirValues.Codings(code))
        {
            if (antibodyByCode.TryGetValue(Key(coding.System, coding.Code), out var name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Every recognised coding of <c>Observation.interpretation</c>, in order (empty when none is recognised).</summary>
    public IReadOnlyList<(AntibodyResult Result, string Code)> Interpretations(IEnumerable<CodeableConcept>? interpretation)
    {
        var found = new List<(AntibodyResult Result, string Code)>();
        foreach (var coding in FhirValues.Concepts(interpretation).SelectMany(FhirValues.Codings))
        {
            if (coding.Code is { } code
                && (coding.System is null || interpretationSystems.Contains(NormalizeSystem(coding.System)))
                && interpretationCodes.TryGetValue(code.Trim(), out var result))
            {
                found.Add((result, code.Trim()));
            }
        }

        return found;
    }

    /// <summary>Reads a coded result value (SNOMED Positive/Negative...); <c>null</c> when no coding is recognised.</summary>
    public AntibodyResult? CodedValue(CodeableConcept? value)
    {
        foreach (var coding in FhirValues.Codings(value))
        {
            if (valueCodes.TryGetValue(Key(coding.System, coding.Code), out var result))
            {
                return result;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a result written as text: negative phrases are taken out first (so "not detected" is no
    /// "detected"), then equivocal, then positive ones. The text is read only when it names one result and no
    /// negating word is left outside the phrases ("No antibodies detected", "Not positive": not read).
    /// </summary>
    public AntibodyResult? TextValue(string? text)
    {
        var found = new List<AntibodyResult>();
        var rest = text;
        foreach (var (matcher, result) in new[] { (negativeText, AntibodyResult.Negative), (equivocalText, AntibodyResult.Equivocal), (positiveText, AntibodyResult.Positive) })
        {
            if (matcher.IsMatch(rest))
            {
                found.Add(result);
                rest = matcher.Remove(rest);
            }
        }

        return found is [var only] && rest is not null && !negationText.IsMatch(rest) ? only : null;
    }

    /// <summary>
    /// The CK unit of a quantity (its UCUM code, else its unit text) and the factor that turns its value into
    /// that unit (nkat/L: 0.001 to ukat/L); <c>null</c> when not recognised.
    /// </summary>
    public (CkUnit Unit, decimal Factor)? CkUnitOf(Quantity? quantity)
    {
        foreach (var spelling in UnitSpellings(quantity))
        {
            if (ckUnits.TryGetValue(spelling, out var unit))
            {
                return unit;
            }
        }

        return null;
    }

    // A UCUM-coded quantity means its code: the display text cannot name another unit. Otherwise the code
    // (perhaps a local one), then the unit text.
    private static IEnumerable<string> UnitSpellings(Quantity? quantity)
    {
        var code = FhirValues.Text(quantity?.CodeElement)?.Trim();
        if (code is { Length: > 0 } && string.Equals(FhirValues.Text(quantity!.SystemElement)?.Trim(), "http://unitsofmeasure.org", StringComparison.Ordinal))
        {
            return [code];
        }

        return new[] { code, FhirValues.Text(quantity?.UnitElement)?.Trim() }.OfType<string>();
    }

    /// <summary>The factor that turns a weight in this quantity's unit into kilograms; <c>null</c> when not recognised.</summary>
    public double? KilogramFactor(Quantity? quantity)
    {
        foreach (var spelling in UnitSpellings(quantity))
        {
            if (kilogramFactors.TryGetValue(spelling, out var factor))
            {
                return factor;
            }
        }

        return null;
    }

    /// <summary>The biopsy pattern a conclusion code denotes: a configured code first, else a configured phrase in its text.</summary>
    public (BiopsyPattern Pattern, bool ByCode)? BiopsyPatternOf(CodeableConcept concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        foreach (var coding in FhirValues.Codings(concept))
        {
            if (biopsyByCode.TryGetValue(Key(coding.System, coding.Code), out var pattern))
            {
                return (pattern, true);
            }
        }

        foreach (var text in FhirValues.Texts(concept))
        {
            if (NegationMatcher.IsMatch(text))
            {
                continue;
            }

            foreach (var (pattern, matcher) in biopsyText)
            {
                if (matcher.IsMatch(text))
                {
                    return (pattern, false);
                }
            }
        }

        return null;
    }

    /// <summary>A code system's canonical URI: trimmed, and its HL7 OID (as Epic sends SNOMED CT) read as the URI.</summary>
    internal static string NormalizeSystem(string system)
    {
        var trimmed = system.Trim().TrimEnd('/');
        return SystemAliases.TryGetValue(trimmed, out var alias) ? alias : trimmed;
    }

    internal static bool Matches(CodeableConcept? code, FrozenSet<string> keys) =>
        FhirValues.Codings(code).Any(c => keys.Contains(Key(c.System, c.Code)));

    internal static IEnumerable<string> Keys(IEnumerable<CodeRef> codes, string list, List<string> errors)
    {
        foreach (var code in codes)
        {
            if (string.IsNullOrWhiteSpace(code.System) || string.IsNullOrWhiteSpace(code.Code))
            {
                errors.Add($"{list}: every code needs a system and a code.");
                continue;
            }

            yield return Key(code.System, code.Code);
        }
    }

    private static void AddAntibody(Dictionary<string, string> map, IEnumerable<CodeRef> codes, string name, List<string> errors)
    {
        foreach (var key in Keys(codes, name, errors))
        {
            if (map.TryGetValue(key, out var other) && other != name)
            {
                errors.Add($"{name}: the code {key} is also listed for {other}.");
                continue;
            }

            map[key] = name;
        }
    }

    private static void AddCodes<T>(Dictionary<string, T> map, IEnumerable<string> codes, T value)
    {
        foreach (var code in codes.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            map.TryAdd(code.Trim(), value);
        }
    }
}
