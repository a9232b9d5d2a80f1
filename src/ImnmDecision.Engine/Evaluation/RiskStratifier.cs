using ImnmDecision.Engine.Evaluation.Deciding;
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
    /// <summary>
    /// The factors' conditions (<c>when</c>, else <c>excludedWhen</c>; null for neither), compiled together like a
    /// rule kind's, so a case whose facts settle them costs one call.
    /// </summary>
    public static KindDecisions Compile(Stratification stratification, IConditionDeciding deciding) =>
        new([.. stratification.Factors.Select(f => f.When ?? f.ExcludedWhen)], SlotMask.Empty, deciding);

    public static void Decide(StratificationOutcome outcome, KindDecisions factorConditions, FactSet facts, ref FieldMask missing)
    {
        var stratification = outcome.Stratification;
        var tiers = stratification.Tiers.Count;
        Span<int> known = stackalloc int[tiers];
        Span<int> possible = stackalloc int[tiers];
        var factors = stratification.Factors;
        var decisions = default(Decisions);
        for (var i = 0; i < factors.Count; i++)
        {
            if ((i & 63) == 0)
            {
                decisions = factorConditions.Decide(i / 64, facts);
            }

            var fields = FieldMask.Zero;
            var truth = FactorTruth(factors[i], factorConditions, decisions, i, facts, ref fields);
            outcome.Factors[i] = truth;
            outcome.FactorFields[i] = fields;
            outcome.CouldRaise[i] = false;
            known[factors[i].Tier] += truth == Truth.True ? 1 : 0;
            possible[factors[i].Tier] += truth == Truth.False ? 0 : 1;
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
    private static Truth FactorTruth(RiskFactor factor, KindDecisions conditions, in Decisions decisions, int index, FactSet facts, ref FieldMask fields)
    {
        if (factor.When is not null)
        {
            return conditions.Truth(decisions, index, facts, ref fields);
        }

        var ignored = FieldMask.Zero;
        return factor.ExcludedWhen is not null && conditions.Truth(decisions, index, facts, ref ignored) == Truth.True
            ? Truth.False
            : Truth.Unknown;
    }

    private static bool CouldRaise(IReadOnlyList<RiskCategory> categories, int current, int tier, ReadOnlySpan<int> known, ReadOnlySpan<int> possible)
    {
        for (var higher = 0; higher < current; higher++)
        {
            var requirements = categories[higher].Requirements;
            for (var r = 0; r < requirements.Count; r++)
            {
                var requirement = requirements[r];
                if (requirement[tier] > known[tier] && RiskCategory.Meets(requirement, possible))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
