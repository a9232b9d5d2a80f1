using System.Collections.Frozen;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Codes;

/// <summary>
/// Recognises statins in medication data: an RxNorm code of a statin ingredient or of any concept that contains
/// one (the shipped ingredient closure: SCD, SBD, SCDC, BN, packs...), an ATC code of a statin ingredient or
/// under a statin class prefix (under every ATC system URI configured), a site's local code, or, failing
/// codes, a statin name (generic or brand, combination brands included) in the text.
/// </summary>
internal sealed class StatinMatcher
{
    private readonly FrozenDictionary<string, string?> ingredientByCode;
    private readonly FrozenSet<string> atcSystems;
    private readonly IReadOnlyList<string> atcPrefixes;
    private readonly List<(string Ingredient, PhraseMatcher Text)> names;

    public StatinMatcher(StatinCodeLists lists, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(errors);
        var codes = new Dictionary<string, string?>(StringComparer.Ordinal);
        names = [];
        foreach (var ingredient in lists.Ingredients)
        {
            if (string.IsNullOrWhiteSpace(ingredient.Name))
            {
                errors.Add("statins.ingredients: every ingredient needs a name.");
                continue;
            }

            var name = ingredient.Name.Trim().ToLowerInvariant();
            foreach (var code in ingredient.RxNorm.Where(c => !string.IsNullOrWhiteSpace(c)))
            {
                codes.TryAdd(CodeBook.Key(lists.RxNormSystem, code), name);
            }

            foreach (var code in ingredient.Atc.Where(c => !string.IsNullOrWhiteSpace(c)))
            {
                foreach (var system in AtcSystemsOf(lists))
                {
                    codes.TryAdd(CodeBook.Key(system, code), name);
                }
            }

            names.Add((name, new PhraseMatcher([name, .. ingredient.Text])));
        }

        foreach (var product in lists.Products)
        {
            if (string.IsNullOrWhiteSpace(product.Code) || product.Ingredients.Count == 0)
            {
                errors.Add("statins.products: every product needs a code and at least one ingredient.");
                continue;
            }

            codes.TryAdd(CodeBook.Key(lists.RxNormSystem, product.Code), product.Ingredients[0].Trim().ToLowerInvariant());
        }

        foreach (var local in lists.LocalCodes)
        {
            if (string.IsNullOrWhiteSpace(local.System) || string.IsNullOrWhiteSpace(local.Code))
            {
                errors.Add("statins.localCodes: every code needs a system and a code.");
                continue;
            }

            codes.TryAdd(CodeBook.Key(local.System, local.Code), local.Ingredient?.Trim().ToLowerInvariant());
        }

        ingredientByCode = codes.ToFrozenDictionary(StringComparer.Ordinal);
        atcSystems = AtcSystemsOf(lists).Select(s => CodeBook.Key(s, "")).ToFrozenSet(StringComparer.Ordinal);
        atcPrefixes = [.. lists.AtcPrefixes.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())];
    }

    /// <summary>
    /// Whether the medication is a statin, and which one: its concept (code, class, name), else one of its
    /// ingredients (a Medication's <c>ingredient.itemCodeableConcept</c>), by code or by name.
    /// </summary>
    public StatinMatch? Match(CodeableConcept? medication, string? referenceDisplay, IEnumerable<CodeableConcept> ingredients)
    {
        ArgumentNullException.ThrowIfNull(ingredients);
        return Match(medication, referenceDisplay)
            ?? ingredients.Select(i => Match(i) is { } m ? m with { MatchedBy = $"ingredient {m.MatchedBy}" } : null).FirstOrDefault(m => m is not null);
    }

    /// <summary>
    /// Whether a text names a statin (a dosage text, read only when the order's Medication could not be had), and
    /// which one.
    /// </summary>
    public StatinMatch? InText(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(t => NameIn(null, t)).FirstOrDefault(n => n is not null) is { } named ? new StatinMatch(named, "name in the dosage text") : null;
    }

    /// <summary>Whether the medication concept is a statin, and which one.</summary>
    public StatinMatch? Match(CodeableConcept? medication, string? referenceDisplay = null)
    {
        StatinMatch? byClass = null;
        foreach (var coding in FhirValues.Codings(medication))
        {
            var key = CodeBook.Key(coding.System, coding.Code);
            if (ingredientByCode.TryGetValue(key, out var ingredient))
            {
                return new StatinMatch(ingredient ?? NameIn(medication, referenceDisplay), $"code {coding.Code}");
            }

            if (byClass is null && atcSystems.Contains(CodeBook.Key(coding.System, "")) && coding.Code is { } atc
                && atcPrefixes.Any(p => atc.Trim().StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                byClass = new StatinMatch(NameIn(medication, referenceDisplay), $"ATC {atc.Trim()}");
            }
        }

        if (byClass is not null)
        {
            return byClass;
        }

        var named = NameIn(medication, referenceDisplay);
        return named is null ? null : new StatinMatch(named, "name in text");
    }

    private static IEnumerable<string> AtcSystemsOf(StatinCodeLists lists) =>
        new[] { lists.AtcSystem }.Concat(lists.AtcSystems).Where(s => !string.IsNullOrWhiteSpace(s));

    private string? NameIn(CodeableConcept? medication, string? referenceDisplay)
    {
        var texts = FhirValues.Texts(medication).Append(referenceDisplay);
        foreach (var text in texts)
        {
            foreach (var (ingredient, matcher) in names)
            {
                if (matcher.IsMatch(text))
                {
                    return ingredient;
                }
            }
        }

        return null;
    }
}
