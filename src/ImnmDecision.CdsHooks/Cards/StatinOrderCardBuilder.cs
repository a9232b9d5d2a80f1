using System.Text;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Cards;

/// <summary>
/// Builds the <c>imnm-statin-order</c> warning: a statin is being ordered and the record shows a positive
/// anti-HMGCR antibody. The advice shown (stopping the statin, lipid-lowering alternatives, their citations)
/// is the engine's assessment of the patient's data with the ordered statin as current exposure.
/// </summary>
internal sealed class StatinOrderCardBuilder(CardSources sources)
{
    private static readonly TreatmentId[] StatinOptions = [TreatmentId.StopStatin, TreatmentId.AvoidStatins, TreatmentId.NonStatinLipidLowering];

    /// <summary>The warning card.</summary>
    /// <param name="drug">The ordered statin's ingredient, when known.</param>
    /// <param name="hmgcr">The anti-HMGCR result that triggers the warning.</param>
    /// <param name="assessment">The engine's assessment with the order counted as current exposure.</param>
    /// <param name="mapped">The mapped data (evidence and gaps).</param>
    /// <param name="orderReference">The draft order (<c>MedicationRequest/id</c>), for the removal suggestion.</param>
    public CdsCard Warning(string? drug, AntibodyReading hmgcr, Assessment assessment, MappedCase mapped, string? orderReference)
    {
        ArgumentNullException.ThrowIfNull(hmgcr);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(mapped);
        var drugName = drug ?? "A statin";
        var citations = new CitationNumbers(assessment.Citations);
        var detail = new StringBuilder();
        detail.Append("**").Append(Capitalized(drugName)).Append(" is being ordered** for a patient whose anti-HMGCR antibody was positive on ")
            .Append(hmgcr.EarlierPositive?.DateText ?? hmgcr.DateText).Append(" (").Append(hmgcr.EarlierPositive?.Basis ?? hmgcr.Basis).Append(')')
            .Append(hmgcr.EarlierPositive is null ? "" : $"; a later result on {hmgcr.DateText} was negative ({hmgcr.Basis}), so the record is equivocal").Append(".\n\n");
        var certainty = CardText.Certainty(assessment.Subtype.Certainty);
        detail.Append("IMNM assessment of the record with this order counted as current statin exposure: **")
            .Append(assessment.Subtype.Label).Append("**").Append(certainty.Length > 0 ? $" ({certainty})" : "")
            .Append(citations.Cite(assessment.Subtype.Because.SelectMany(b => b.Citations))).Append(".\n\n");

        var options = assessment.Treatment.Where(t => StatinOptions.Contains(t.Id)).ToList();
        detail.Append("#### What the ruleset advises\n");
        if (options.Count == 0)
        {
            detail.Append("- The ruleset lists no statin-specific option for the data available; open the IMNM assessment card for the full picture.\n");
        }

        foreach (var option in options)
        {
            detail.Append("- **").Append(option.Label).Append("** (").Append(JsonNames.Name(option.Role)).Append(')');
            if (option.Dose is { } dose)
            {
                detail.Append(": ").Append(dose.Text);
            }

            if (option.Cautions.Count > 0)
            {
                detail.Append(". ").Append(string.Join(" ", option.Cautions));
            }

            detail.Append(citations.Cite(option.Citations)).Append('\n');
        }

        detail.Append("\n#### Data used from the EHR\n");
        foreach (var line in mapped.Evidence)
        {
            detail.Append("- ").Append(line).Append('\n');
        }

        if (mapped.Incomplete)
        {
            detail.Append("\n#### Not obtained\n");
            foreach (var gap in mapped.Gaps.Where(g => g.Failed))
            {
                detail.Append("- ").Append(gap.What).Append(": ").Append(gap.Reason).Append(".\n");
            }
        }

        if (citations.Any)
        {
            detail.Append("\n#### References\n").Append(citations.References());
        }

        detail.Append("\n_").Append(assessment.Disclaimer).Append(" Ruleset ").Append(assessment.Ruleset.Tag).Append("._\n");

        var suggestions = Suggestions(drugName, orderReference, options);
        return new CdsCard
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardText.Summary($"Statin ordered, but anti-HMGCR antibody positive ({hmgcr.EarlierPositive?.DateText ?? hmgcr.DateText}){(hmgcr.EarlierPositive is null ? "" : ", later negative")}: review before signing"),
            Detail = detail.ToString(),
            Indicator = CardIndicator.Warning,
            Source = sources.Source(assessment.Ruleset.Tag, CardSources.StatinOrderTopic, "Statin order with anti-HMGCR antibodies"),
            Suggestions = suggestions.Count > 0 ? suggestions : null,
            SelectionBehavior = suggestions.Count > 0 ? "any" : null,
            OverrideReasons = sources.StatinOrderReasons,
        };
    }

    /// <summary>The card when the anti-HMGCR result could not be checked because the data did not arrive.</summary>
    public CdsCard CheckIncomplete(string? drug, MappedCase mapped, string rulesetTag)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var detail = new StringBuilder();
        detail.Append("**").Append(Capitalized(drug ?? "A statin")).Append(" is being ordered**, but the anti-HMGCR antibody result could not be checked:\n\n");
        return Incomplete(detail, mapped, "Check the record for an anti-HMGCR result", "Statin order: the anti-HMGCR antibody check could not be completed", rulesetTag);
    }

    /// <summary>
    /// The card when a selected draft order's medication could not be read, so it may be a statin, and the record
    /// shows a positive anti-HMGCR antibody or could not be checked for one. <paramref name="mapped"/>'s gaps name
    /// the unread medication.
    /// </summary>
    public CdsCard MedicationUnread(MappedCase mapped, string rulesetTag)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var detail = new StringBuilder("**The medication of a selected draft order could not be read**, so whether a statin is being ordered is unknown");
        string summary;
        if (mapped.Hmgcr is { PositiveInRecord: true } hmgcr)
        {
            var positive = hmgcr.EarlierPositive ?? hmgcr;
            var laterNegative = hmgcr.EarlierPositive is null ? "" : $" and negative on {hmgcr.DateText} ({hmgcr.Basis})";
            detail.Append("; the patient's anti-HMGCR antibody was positive on ").Append(positive.DateText).Append(" (").Append(positive.Basis).Append(')').Append(laterNegative);
            summary = $"Draft order not checked for a statin, and anti-HMGCR antibody positive ({positive.DateText}){(laterNegative.Length > 0 ? ", later negative" : "")}";
        }
        else
        {
            summary = "Draft order: neither its medication nor the anti-HMGCR antibody could be checked";
        }

        detail.Append(":\n\n");
        var check = mapped.Hmgcr is { PositiveInRecord: true } ? "Check whether the order is a statin" : "Check whether the order is a statin and the record for an anti-HMGCR result";
        return Incomplete(detail, mapped, check, summary, rulesetTag);
    }

    private CdsCard Incomplete(StringBuilder detail, MappedCase mapped, string check, string summary, string rulesetTag)
    {
        foreach (var gap in mapped.Gaps.Where(g => g.Failed))
        {
            detail.Append("- ").Append(gap.What).Append(": ").Append(gap.Reason).Append(".\n");
        }

        detail.Append('\n').Append(check).Append(" before signing.\n");
        return new CdsCard
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardText.Summary(summary),
            Detail = detail.ToString(),
            Indicator = CardIndicator.Info,
            Source = sources.Source(rulesetTag, CardSources.IncompleteTopic, "IMNM guidance incomplete"),
        };
    }

    // Removing the draft order (a delete action on it), and the ruleset's non-statin option as text to act on.
    // Either can be accepted, so feedback "accepted" always has a suggestion to name.
    private static List<CdsSuggestion> Suggestions(string drugName, string? orderReference, IReadOnlyList<TreatmentOption> options)
    {
        var suggestions = new List<CdsSuggestion>();
        if (orderReference is not null)
        {
            suggestions.Add(new CdsSuggestion
            {
                Label = "Remove the draft statin order",
                Uuid = Guid.NewGuid().ToString(),
                IsRecommended = options.Any(o => o.Id == TreatmentId.StopStatin),
                Actions = [new CdsAction { Type = "delete", Description = $"Remove the draft {drugName.ToLowerInvariant()} order", ResourceId = orderReference }],
            });
        }

        if (options.FirstOrDefault(o => o.Id == TreatmentId.NonStatinLipidLowering) is { } alternative)
        {
            suggestions.Add(new CdsSuggestion
            {
                Label = CardText.Summary($"Instead: {alternative.Label}"),
                Uuid = Guid.NewGuid().ToString(),
            });
        }

        return suggestions;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
