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
                held.Add(Item(stratification, factor, null, cited));
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
            Reason = $"{item.Reason} {category.Reason}",
            Citations = cited.AddDistinct(citations),
            RiskStratification = stratification.Id,
            RiskCategory = category.Id,
            RiskFactors = held,
            RiskFactorsCouldRaise = couldRaise,
            Schedule = [.. category.Schedule.Select(step => new ScheduleItem { Id = step.Id, Text = step.Text })],
            Cautions = cautions,
        };
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
