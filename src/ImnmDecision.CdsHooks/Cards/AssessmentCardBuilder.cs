using System.Text;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Cards;

/// <summary>
/// Builds the cards of <c>imnm-assessment</c> from the engine's assessment: one subtype card (why, with the
/// values and dates used; what is missing; the workup checklist; treatment options; numbered references) and
/// one card per red-flag alert. Every word of clinical content comes from the ruleset.
/// </summary>
internal sealed class AssessmentCardBuilder(CardSources sources)
{
    /// <summary>Said on every assessment card: the EHR record holds no structured symptoms this service reads.</summary>
    public const string SymptomsNotRead =
        "Symptoms (weakness severity and how it began, dysphagia, breathing, cardiac symptoms) are not read from the EHR record, and signs, "
        + "weakness patterns and the symptom onset only from Conditions that name them, so red flags that depend on symptoms cannot be raised here: ask and examine.";

    public IReadOnlyList<CdsCard> Build(Assessment assessment, MappedCase mapped)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(mapped);
        var cards = new List<CdsCard> { SubtypeCard(assessment, mapped) };
        cards.AddRange(assessment.Alerts.Select(alert => AlertCard(alert, assessment)));
        return cards;
    }

    /// <summary>The card when no assessment could be made because the data did not arrive.</summary>
    public CdsCard Incomplete(MappedCase mapped, string rulesetTag)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var detail = new StringBuilder();
        detail.Append("**IMNM guidance could not be completed**: the data it needs did not arrive from the EHR, so nothing was assessed.\n\n");
        AppendGaps(detail, mapped.Gaps);
        detail.Append("\nOpen the chart again to retry, or use the ImnmDecision API with the findings at hand.\n");
        return new CdsCard
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardText.Summary("IMNM guidance incomplete: the EHR data it needs could not be retrieved"),
            Detail = detail.ToString(),
            Indicator = CardIndicator.Info,
            Source = sources.Source(rulesetTag, CardSources.IncompleteTopic, "IMNM guidance incomplete"),
        };
    }

    private CdsCard SubtypeCard(Assessment assessment, MappedCase mapped)
    {
        var subtype = assessment.Subtype;
        var citations = new CitationNumbers(assessment.Citations);
        var certainty = CardText.Certainty(subtype.Certainty);
        var detail = new StringBuilder();
        detail.Append("**").Append(subtype.Label).Append("**");
        if (certainty.Length > 0)
        {
            detail.Append(" (").Append(certainty).Append(')');
        }

        detail.Append("\n\n");
        if (mapped.Incomplete)
        {
            detail.Append("> **Guidance incomplete**: some EHR data could not be retrieved (listed below); this assessment uses only the data that arrived.\n\n");
        }

        if (subtype.Because.Count > 0)
        {
            detail.Append("#### Why\n");
            foreach (var reason in subtype.Because)
            {
                detail.Append("- ").Append(reason.Statement).Append(citations.Cite(reason.Citations)).Append('\n');
                var facts = reason.Facts.Select(f => FactText.Fact(f.Key, f.Value)).ToList();
                if (facts.Count > 0)
                {
                    detail.Append("  - Facts read: ").Append(string.Join("; ", facts)).Append('\n');
                }
            }

            detail.Append('\n');
        }

        if (assessment.Classification?.EularAcr2017 is { } classification)
        {
            detail.Append(CardText.Classification(classification)).Append(citations.Cite(classification.Citations)).Append("\n\n");
        }

        detail.Append("#### Data used from the EHR\n");
        if (mapped.Evidence.Count == 0)
        {
            detail.Append("- No usable values were found.\n");
        }

        foreach (var line in mapped.Evidence)
        {
            detail.Append("- ").Append(line).Append('\n');
        }

        detail.Append('\n');
        if (mapped.Gaps.Count > 0)
        {
            detail.Append("#### Not obtained\n");
            AppendGaps(detail, mapped.Gaps);
            detail.Append('\n');
        }

        detail.Append("#### Missing (not guessed)\n");
        foreach (var missing in assessment.Missing)
        {
            detail.Append("- ").Append(CardText.Field(missing.Field)).Append(" (`").Append(missing.Field).Append("`): ")
                .Append(Sentence(missing.Why)).Append(citations.Cite(missing.Citations)).Append('\n');
        }

        detail.Append("- ").Append(SymptomsNotRead).Append("\n\n");

        if (mapped.Notes.Count > 0)
        {
            detail.Append("#### Seen but not used\n");
            foreach (var note in mapped.Notes)
            {
                detail.Append("- ").Append(note).Append('\n');
            }

            detail.Append('\n');
        }

        if (assessment.Alerts.Count > 0)
        {
            detail.Append("#### Red flags\n");
            foreach (var alert in assessment.Alerts)
            {
                detail.Append("- **").Append(CardText.Alert(alert.Id)).Append("** (").Append(JsonNames.Name(alert.Severity)).Append("): ")
                    .Append(alert.Message).Append(citations.Cite(alert.Citations)).Append('\n');
            }

            detail.Append('\n');
        }

        if (assessment.Workup.Count > 0)
        {
            detail.Append("#### Workup\n");
            foreach (var item in assessment.Workup)
            {
                detail.Append(item.Status == WorkupStatus.Done ? "- [x] " : "- [ ] ")
                    .Append("**").Append(item.Label).Append("** (").Append(JsonNames.Name(item.Priority))
                    .Append(item.Status == WorkupStatus.Done ? ", done" : "").Append("): ")
                    .Append(item.Reason).Append(citations.Cite(item.Citations)).Append('\n');
            }

            detail.Append('\n');
        }

        if (assessment.Treatment.Count > 0)
        {
            detail.Append("#### Treatment options (for the treating team; not orders)\n");
            var number = 0;
            foreach (var option in assessment.Treatment)
            {
                detail.Append(++number).Append(". ");
                detail.Append(option.Avoid ? "~~**" : "**").Append(option.Label).Append(option.Avoid ? "**~~ avoid" : "**")
                    .Append(" (").Append(JsonNames.Name(option.Role)).Append(')');
                if (option.Dose is { } dose)
                {
                    detail.Append(": ").Append(dose.Text);
                }

                if (option.Cautions.Count > 0)
                {
                    detail.Append(". Cautions: ").Append(string.Join(" ", option.Cautions));
                }

                detail.Append(citations.Cite(option.Citations)).Append('\n');
            }

            detail.Append('\n');
        }

        if (citations.Any)
        {
            detail.Append("#### References\n").Append(citations.References()).Append('\n');
        }

        detail.Append('_').Append(assessment.Disclaimer).Append(" Ruleset ").Append(assessment.Ruleset.Tag).Append("._\n");

        var summary = new StringBuilder();
        if (mapped.Incomplete)
        {
            summary.Append("Incomplete data. ");
        }

        summary.Append("IMNM: ").Append(subtype.Label);
        if (certainty.Length > 0)
        {
            summary.Append(" (").Append(certainty).Append(')');
        }

        if (assessment.Alerts.Count > 0)
        {
            summary.Append("; ").Append(assessment.Alerts.Count).Append(assessment.Alerts.Count == 1 ? " red flag" : " red flags");
        }

        var indicator = assessment.Alerts.Any(a => a.Severity == AlertSeverity.Critical) ? CardIndicator.Critical
            : CardText.IsImnm(subtype.Code) ? CardIndicator.Warning
            : CardIndicator.Info;
        return new CdsCard
        {
            Uuid = assessment.AssessmentId.ToString(),
            Summary = CardText.Summary(summary.ToString()),
            Detail = detail.ToString(),
            Indicator = indicator,
            Source = sources.Source(assessment.Ruleset.Tag, CardSources.AssessmentTopic, "IMNM assessment"),
            OverrideReasons = sources.AssessmentReasons,
        };
    }

    private CdsCard AlertCard(AlertItem alert, Assessment assessment)
    {
        var citations = new CitationNumbers(assessment.Citations);
        var detail = new StringBuilder();
        detail.Append("**").Append(CardText.Alert(alert.Id)).Append("** (").Append(JsonNames.Name(alert.Severity)).Append("): ")
            .Append(alert.Message).Append(citations.Cite(alert.Citations)).Append("\n\n");
        detail.Append("Raised with the IMNM assessment (").Append(assessment.Subtype.Label).Append("); see that card for the data used.\n\n");
        if (citations.Any)
        {
            detail.Append("#### References\n").Append(citations.References()).Append('\n');
        }

        detail.Append('_').Append(assessment.Disclaimer).Append(" Ruleset ").Append(assessment.Ruleset.Tag).Append("._\n");
        return new CdsCard
        {
            Uuid = Guid.NewGuid().ToString(),
            Summary = CardText.Summary($"Red flag: {CardText.Alert(alert.Id)}. {alert.Message}"),
            Detail = detail.ToString(),
            // The CDS design gives every red flag its own critical card; the detail keeps the ruleset's severity.
            Indicator = CardIndicator.Critical,
            Source = sources.Source(assessment.Ruleset.Tag, CardSources.RedFlagTopic, "IMNM red flag"),
        };
    }

    // A closing parenthesis ends a sentence only after a full stop ("(see below.)"); "(dystrophic)" still needs one.
    private static string Sentence(string text) =>
        text.Length == 0 || text[^1] is '.' or '!' or '?' || text.EndsWith(".)", StringComparison.Ordinal) ? text : text + ".";

    private static void AppendGaps(StringBuilder detail, IEnumerable<DataGap> gaps)
    {
        foreach (var gap in gaps)
        {
            detail.Append("- ").Append(char.ToUpperInvariant(gap.What[0])).Append(gap.What[1..]).Append(": ").Append(gap.Reason).Append(".\n");
        }
    }
}
