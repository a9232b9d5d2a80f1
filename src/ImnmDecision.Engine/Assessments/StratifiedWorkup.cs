using System.Runtime.CompilerServices;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Assessments;

/// <summary>
/// Adds a risk stratification's outcome to its workup item: the category (its reason appended to the item's),
/// the factors held, the unknown factors that could raise the category with the fields that would tell, the
/// schedule of the category and the cautions that apply. Their citations join the item's.
/// </summary>
internal static class StratifiedWorkup
{
    /// <summary>A category's schedule as the answer lists it, made once.</summary>
    private static readonly ConditionalWeakTable<RiskCategory, IReadOnlyList<ScheduleItem>> Schedules = new();

    /// <summary>A held factor as the answer lists it (nothing in it depends on the case), made once.</summary>
    private static readonly ConditionalWeakTable<RiskFactor, RiskFactorItem> HeldItems = new();

    /// <summary>The item's reason with the category's appended, made once per category (for the rule's reason it was made with).</summary>
    private static readonly ConditionalWeakTable<RiskCategory, CategoryReason> Reasons = new();

    public static WorkupItem WithStratification(WorkupItem item, StratificationOutcome? outcome, CitationCollector cited)
    {
        if (outcome is null)
        {
            return item;
        }

        var stratification = outcome.Stratification;
        var category = stratification.Categories[outcome.Category];
        var citations = new List<string>(item.Citations);
        citations.AddRange(stratification.Citations);
        var held = new List<RiskFactorItem>();
        var couldRaise = new List<RiskFactorItem>();
        for (var i = 0; i < stratification.Factors.Count; i++)
        {
            var factor = stratification.Factors[i];
            if (outcome.Factors[i] == Truth.True)
            {
                // The same for every case: made once per factor.
                cited.Add(factor.Citations);
                held.Add(Held(stratification, factor));
                citations.AddRange(factor.Citations);
            }
            else if (outcome.CouldRaise[i])
            {
                couldRaise.Add(Item(stratification, factor, [.. InputField.PathsOf(outcome.FactorFields[i])], cited));
                citations.AddRange(factor.Citations);
            }
        }

        var cautions = new List<string>();
        for (var c = 0; c < stratification.Cautions.Count; c++)
        {
            var caution = stratification.Cautions[c];
            var text = outcome.Cautions[c] switch
            {
                Truth.True => caution.Text,
                Truth.Unknown => caution.UnknownText,
                _ => null,
            };
            if (text is not null)
            {
                cautions.Add(text);
                citations.AddRange(caution.Citations);
            }
        }

        return item with
        {
            Reason = ReasonWith(item.Reason, category),
            Citations = cited.AddDistinct(citations),
            RiskStratification = stratification.Id,
            RiskCategory = category.Id,
            RiskFactors = held,
            RiskFactorsCouldRaise = couldRaise,
            Schedule = Schedules.GetValue(category, static category => [.. category.Schedule.Select(step => new ScheduleItem { Id = step.Id, Text = step.Text })]),
            Cautions = cautions,
        };
    }

    private static RiskFactorItem Held(Stratification stratification, RiskFactor factor)
    {
        if (!HeldItems.TryGetValue(factor, out var item))
        {
            item = Item(stratification, factor, null, new CitationCollector(factor.Citations.Count));
            HeldItems.AddOrUpdate(factor, item);
        }

        return item;
    }

    private static string ReasonWith(string reason, RiskCategory category)
    {
        if (Reasons.TryGetValue(category, out var made) && ReferenceEquals(made.Item, reason))
        {
            return made.Text;
        }

        var text = $"{reason} {category.Reason}";
        Reasons.AddOrUpdate(category, new CategoryReason(reason, text));
        return text;
    }

    private static RiskFactorItem Item(Stratification stratification, RiskFactor factor, IReadOnlyList<string>? fields, CitationCollector cited) => new()
    {
        Id = factor.Id,
        Label = factor.Label,
        Tier = stratification.Tiers[factor.Tier].Id,
        Fields = fields,
        Citations = cited.Add(factor.Citations),
    };
}
