using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Evaluation;

/// <summary>
/// Decides a risk stratification on a case's facts, with no knowledge of any one stratification: counts the
/// factors the findings hold per tier, takes the first category whose requirements those counts meet, and marks an
/// unknown factor as one that could raise the category when some higher category has a requirement that the known
/// and unknown factors together could meet and that needs more of that factor's tier than are known. The fields
/// behind those factors (and behind cautions left unknown) are missing: they could change the answer.
/// </summary>
internal static class RiskStratifier
{
    public static void Decide(StratificationOutcome outcome, FactSet facts, ref ulong missing)
    {
        var stratification = outcome.Stratification;
        var tiers = stratification.Tiers.Count;
        Span<int> known = stackalloc int[tiers];
        Span<int> possible = stackalloc int[tiers];
        var factors = stratification.Factors;
        for (var i = 0; i < factors.Count; i++)
        {
            var result = Evaluate(factors[i], facts);
            outcome.Factors[i] = result.Truth;
            outcome.FactorFields[i] = result.MissingFields;
            outcome.CouldRaise[i] = false;
            known[factors[i].Tier] += result.Truth == Truth.True ? 1 : 0;
            possible[factors[i].Tier] += result.Truth == Truth.False ? 0 : 1;
        }

        var categories = stratification.Categories;
        var category = 0;
        while (category < categories.Count - 1 && !categories[category].IsMetBy(known))
        {
            category++;
        }

        outcome.Category = category;
        for (var i = 0; i < factors.Count; i++)
        {
            if (outcome.Factors[i] == Truth.Unknown && CouldRaise(categories, category, factors[i].Tier, known, possible))
            {
                outcome.CouldRaise[i] = true;
                missing |= outcome.FactorFields[i];
            }
        }

        var cautions = stratification.Cautions;
        for (var c = 0; c < cautions.Count; c++)
        {
            var result = cautions[c].When is { } when ? when.Evaluate(facts) : Outcome.True;
            outcome.Cautions[c] = result.Truth;
            missing |= result.MissingFields;
        }
    }

    /// <summary>A factor the findings record is its condition; one they do not is unknown unless they rule it out.</summary>
    private static Outcome Evaluate(RiskFactor factor, FactSet facts) =>
        factor.When is { } when ? when.Evaluate(facts)
        : factor.ExcludedWhen is { } excluded && excluded.Evaluate(facts).Truth == Truth.True ? Outcome.False
        : new Outcome(Truth.Unknown, 0, 0);

    private static bool CouldRaise(IReadOnlyList<RiskCategory> categories, int current, int tier, ReadOnlySpan<int> known, ReadOnlySpan<int> possible)
    {
        for (var higher = 0; higher < current; higher++)
        {
            foreach (var requirement in categories[higher].Requirements)
            {
                if (requirement[tier] > known[tier] && RiskCategory.Meets(requirement, possible))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
