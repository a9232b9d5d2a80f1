using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Properties;

/// <summary>
/// The Bars of ruleset 2027.1 as properties over a generated cohort of 20,000 cases (children and pregnancies
/// included): a child's computed dose never exceeds the adult dose, no answer holds a pregnancy item for a patient
/// who cannot be pregnant, and an alert never names a treatment the answer does not offer. Each test also checks
/// that the cohort exercised what it claims, so it cannot pass on an empty sample.
/// </summary>
public sealed class TreatmentPropertyTests
{
    private const double PregnancyMinAge = 12;
    private const double PregnancyMaxAge = 55;

    /// <summary>Words that name a treatment in free text, with the option they name.</summary>
    private static readonly (string Word, TreatmentId Id)[] TreatmentWords =
    [
        ("methylprednisolone", TreatmentId.IvMethylprednisolone),
        ("IVIG", TreatmentId.Ivig),
        ("immunoglobulin", TreatmentId.Ivig),
        ("rituximab", TreatmentId.Rituximab),
        ("plasma exchange", TreatmentId.PlasmaExchange),
        ("prednisone", TreatmentId.Prednisone),
        ("methotrexate", TreatmentId.Methotrexate),
        ("azathioprine", TreatmentId.Azathioprine),
        ("mycophenolate", TreatmentId.Mycophenolate),
        ("co-trimoxazole", TreatmentId.PjpProphylaxis),
    ];

    [Fact]
    public void Cohort_Children_NeverGetADoseAboveTheAdultDose()
    {
        var ruleset = RealRuleset.Ruleset;
        var childDoses = 0;
        foreach (var (findings, answer) in GeneratedCohort.All.Where(c => Age(c.Findings) < 18))
        {
            foreach (var option in answer.Treatment.Where(t => t.Dose is not null))
            {
                var spec = ((Rule<TreatmentAction>)ruleset.FindRule(option.RuleId)!).Action.Dose!;
                var because = $"{JsonNames.Name(option.Id)} for a child: {option.Dose!.Text}";
                if (spec.Child is not null)
                {
                    option.Dose.Population.Should().Be("child", because);
                }

                if (option.Dose.AmountHigh is not { } high)
                {
                    continue;
                }

                childDoses++;
                var milligrams = high * (option.Dose.AmountUnit == "g" ? 1000 : 1);
                if (spec.MaximumMilligrams is { } adultMaximum)
                {
                    milligrams.Should().BeLessThanOrEqualTo(adultMaximum + 1e-9, because);
                }
                else
                {
                    spec.Child.Should().BeNull($"{because}: an uncapped adult dose is only given to a child as the same regimen");
                }
            }
        }

        childDoses.Should().BeGreaterThan(500, "the cohort must hold children with computed doses");
    }

    [Fact]
    public void Cohort_PatientWhoCannotBePregnant_GetsNoPregnancyItem()
    {
        var checkedCases = 0;
        foreach (var (findings, answer) in GeneratedCohort.All.Where(c => CannotBePregnant(c.Findings)))
        {
            checkedCases++;
            var texts = answer.Treatment.SelectMany(t => t.Cautions.Append(t.Dose?.Text ?? string.Empty).Append(t.Label))
                .Concat(answer.Workup.SelectMany(w => new[] { w.Reason, w.Label }))
                .Concat(answer.Alerts.Select(a => a.Message));
            texts.Should().NotContain(text => text.Contains("pregnan", StringComparison.OrdinalIgnoreCase), Describe(findings, answer));
            answer.Missing.Select(m => m.Field).Should().NotContain("patient.pregnant", Describe(findings, answer));
        }

        checkedCases.Should().BeGreaterThan(5_000, "most generated patients are men, older women or children");
    }

    [Fact]
    public void Cohort_PregnantPatient_GetsEveryPregnancyAvoidMark()
    {
        var marks = 0;
        var rituximabCases = new[] { 0, 0 }; // not severe, severe
        foreach (var (findings, answer) in GeneratedCohort.All.Where(c => c.Findings.Values.Boolean(FindingsSchema.Field("patient.pregnant")) == true))
        {
            foreach (var id in new[] { TreatmentId.Methotrexate, TreatmentId.Mycophenolate })
            {
                if (answer.Treatment.FirstOrDefault(t => t.Id == id) is { } option)
                {
                    marks++;
                    option.Avoid.Should().BeTrue(Describe(findings, answer));
                }
            }

            // Rituximab in pregnancy only for severe disease: a critical alert, rapid progression or severe weakness;
            // not marked avoid while a finding that could make it severe is absent.
            if (answer.Treatment.FirstOrDefault(t => t.Id == TreatmentId.Rituximab) is { } offered && SevereDisease(findings, answer) is { } severe)
            {
                rituximabCases[severe ? 1 : 0]++;
                offered.Avoid.Should().Be(!severe, Describe(findings, answer));
            }
        }

        marks.Should().BeGreaterThan(50, "the cohort must hold treated pregnant patients");
        rituximabCases.Should().OnlyContain(n => n > 5, "the cohort must hold pregnant patients offered rituximab with and without severe disease");
    }

    /// <summary>
    /// Whether the disease is severe (null when a finding that could make it so is absent: the weakness grade, a red
    /// flag, or the onset beside moderate weakness; an alert is raised only for a red flag recorded true).
    /// </summary>
    private static bool? SevereDisease(Findings findings, Assessment answer)
    {
        var weakness = findings.Values.Choice<WeaknessGrade>(FindingsSchema.Field("clinical.proximalWeakness"));
        if (answer.Alerts.Any(a => a.Severity == AlertSeverity.Critical || a.Id == AlertId.RapidProgression) || weakness == WeaknessGrade.Severe)
        {
            return true;
        }

        var redFlagAbsent = new[] { "clinical.dysphagia", "clinical.respiratoryWeakness", "clinical.cardiacSymptoms" }
            .Any(field => findings.Values.Boolean(FindingsSchema.Field(field)) is null);
        var onsetAbsent = weakness == WeaknessGrade.Moderate && findings.Values.Choice<Onset>(FindingsSchema.Field("clinical.onset")) is null;
        return weakness is null || redFlagAbsent || onsetAbsent ? null : false;
    }

    [Fact]
    public void Cohort_Alerts_NeverNameATreatmentTheAnswerDoesNotOffer()
    {
        var named = 0;
        var specialist = 0;
        foreach (var (findings, answer) in GeneratedCohort.All)
        {
            var offered = answer.Treatment.Where(t => !t.Avoid).Select(t => t.Id).ToHashSet();
            foreach (var alert in answer.Alerts)
            {
                foreach (var (word, id) in TreatmentWords.Where(w => alert.Message.Contains(w.Word, StringComparison.OrdinalIgnoreCase)))
                {
                    named++;
                    offered.Should().Contain(id, $"the alert '{alert.Message}' names {word}; {Describe(findings, answer)}");
                }

                specialist += alert.Message.Contains("specialist assessment", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        named.Should().BeGreaterThan(100, "alerts with treatments offered must name them");
        specialist.Should().BeGreaterThan(100, "alerts without treatments offered must ask for a specialist");
    }

    private static double? Age(Findings findings) => findings.Values.Number(FindingsSchema.Field("patient.ageYears"));

    /// <summary>Not recorded pregnant, and male or other sex, or an age outside the childbearing band.</summary>
    private static bool CannotBePregnant(Findings findings)
    {
        var values = findings.Values;
        if (values.Boolean(FindingsSchema.Field("patient.pregnant")) == true)
        {
            return false;
        }

        var sex = values.Choice<Sex>(FindingsSchema.Field("patient.sex"));
        return sex is Sex.Male or Sex.Other || Age(findings) is < PregnancyMinAge or > PregnancyMaxAge;
    }

    private static string Describe(Findings findings, Assessment answer) =>
        $"age {Age(findings)}, {JsonNames.Name(answer.Subtype.Code)}: treatment [{string.Join(", ", answer.Treatment.Select(t => JsonNames.Name(t.Id) + (t.Avoid ? ":avoid" : string.Empty)))}]";
}
