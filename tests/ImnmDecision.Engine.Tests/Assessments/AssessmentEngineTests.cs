using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Assessments;

public sealed class AssessmentEngineTests
{
    private static Assessment Assess(Case @case) => RealRuleset.Engine.Assess(@case.Build());

    private static Case ClassicStatinHmgcr(double? weightKg) =>
        Case.WithCk(8400, uln: 200).Antibodies(AntibodyResult.Positive, AntibodyResult.Negative, [])
            .Statin(StatinExposure.Current).Weakness(WeaknessGrade.Moderate, Onset.Subacute)
            .Patient(Sex.Male, ageYears: 62, weightKg: weightKg);

    [Fact]
    public void Assess_ClassicStatinExposedHmgcr_MeetsCriteriaWithTheFactsThatDecided()
    {
        var answer = Assess(ClassicStatinHmgcr(80));

        answer.Subtype.Code.Should().Be(SubtypeCode.AntiHmgcrStatinExposed);
        answer.Subtype.Certainty.Should().Be(Certainty.MeetsCriteria);
        answer.Subtype.Because.Select(b => b.RuleId).Should().Equal("subtype.anti-hmgcr.statin-exposed", "certainty.meets-criteria");
        answer.Subtype.Because[0].Facts.Should().Contain("antibodies.hmgcr", "positive").And.Contain("statin.exposed", true);
        answer.Subtype.Because[1].Facts.Should().Contain("ck.elevated", true).And.Contain("weakness.present", true);
        answer.Subtype.Label.Should().Be("Anti-HMGCR IMNM, statin-exposed");
    }

    [Fact]
    public void Assess_Always_CarriesRulesetIdentityAndDisclaimer()
    {
        var answer = Assess(Case.WithCk(100));

        answer.Ruleset.Should().Be(RealRuleset.Ruleset.Identity);
        answer.Disclaimer.Should().Contain("not a diagnosis");
        answer.AssessmentId.Should().NotBeEmpty();
    }

    [Fact]
    public void Assess_Citations_AreExactlyThoseReferencedEachOnce()
    {
        var answer = Assess(ClassicStatinHmgcr(80).Clinical(("proximalWeakness", WeaknessGrade.Severe), ("dysphagia", true)));

        var referenced = answer.Subtype.Because.SelectMany(b => b.Citations)
            .Concat(answer.Alerts.SelectMany(a => a.Citations))
            .Concat(answer.Workup.SelectMany(w => w.Citations))
            .Concat(answer.Treatment.SelectMany(t => t.Citations))
            .Concat(answer.Missing.SelectMany(m => m.Citations ?? []))
            .Concat(answer.Classification!.EularAcr2017.Citations ?? [])
            .Concat(answer.Classification.EularAcr2017.Items.SelectMany(i => i.Citations ?? []))
            .Concat(answer.Classification.EularAcr2017.Subgroup.Citations ?? [])
            .ToHashSet();
        answer.Citations.Select(c => c.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(referenced);
        answer.Citations.Should().OnlyContain(c => c.Title.Length > 0 && c.Source.Length > 0 && c.Kind.Length > 0);
    }

    [Fact]
    public void Assess_Lists_AreOrderedBySeverityPriorityAndRole()
    {
        var answer = Assess(Case.WithCk(30000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive)
            .Clinical(("proximalWeakness", WeaknessGrade.Severe), ("onset", Onset.Acute), ("dysphagia", true))
            .Patient(Sex.Female, 40, 60, pregnant: false));

        answer.Alerts.Select(a => a.Severity).Should().BeInAscendingOrder();
        answer.Alerts.Select(a => a.Id).Should().BeEquivalentTo([AlertId.Dysphagia, AlertId.RapidProgression, AlertId.ExtremeCk]);
        answer.Workup.Select(w => w.Priority).Should().BeInAscendingOrder();
        answer.Treatment.Select(t => t.Role).Should().BeInAscendingOrder();
        answer.Treatment.Select(t => t.Id).Should().Contain([TreatmentId.IvMethylprednisolone, TreatmentId.PlasmaExchange, TreatmentId.Rituximab]);
    }

    [Theory]
    [InlineData(80, "80 mg/day for 80 kg")]
    [InlineData(60, "60 mg/day for 60 kg")]
    [InlineData(100, "80 mg/day for 100 kg (capped)")]
    public void Assess_Prednisone_IsOneMgPerKgCapped(double weight, string expected)
    {
        var prednisone = Assess(ClassicStatinHmgcr(weight)).Treatment.Single(t => t.Id == TreatmentId.Prednisone);

        prednisone.Dose!.Text.Should().EndWith(expected);
        prednisone.Dose.PerKg.Should().Be("1 mg/kg/day");
        prednisone.Dose.WeightKg.Should().Be(weight);
    }

    [Fact]
    public void Assess_Ivig_GivesCourseTotalAndPerDay()
    {
        var ivig = Assess(ClassicStatinHmgcr(60)).Treatment.Single(t => t.Id == TreatmentId.Ivig);

        ivig.Role.Should().Be(TreatmentRole.FirstLineAddOn);
        ivig.Dose!.Text.Should().Contain("120 g total for 60 kg").And.Contain("40 g/day for 3 days");
        ivig.Dose.PerKg.Should().Be("2 g/kg");
    }

    [Fact]
    public void Assess_NoWeight_GivesPerKgOnlyAndListsWeightAsMissing()
    {
        var answer = Assess(ClassicStatinHmgcr(weightKg: null));

        var azathioprine = answer.Treatment.Single(t => t.Id == TreatmentId.Azathioprine);
        azathioprine.Dose!.Text.Should().Contain("weight not recorded");
        azathioprine.Dose.WeightKg.Should().BeNull();
        answer.Missing.Should().Contain(m => m.Field == "patient.weightKg");
    }

    [Theory]
    [InlineData(null, 100.0, 170.0, true)] // BMI 34.6: the ideal weight, which differs by sex, sets the IVIG dose
    [InlineData(Sex.Unknown, 100.0, 170.0, true)]
    [InlineData(Sex.Female, 100.0, 170.0, false)]
    [InlineData(Sex.Male, 100.0, 170.0, false)]
    [InlineData(null, 80.0, 170.0, false)] // BMI 27.7: the actual weight, whatever the sex
    [InlineData(null, 80.0, 150.0, false)] // BMI 35.6 but below 152.4 cm: the actual weight
    public void Assess_IvigOnAdjustedWeight_ListsTheSexOnlyWhenItChangesTheDose(Sex? sex, double weightKg, double heightCm, bool listed)
    {
        // Anti-SRP meets criteria: IVIG is offered. The lab's ULN is given, so the CK default does not list the sex.
        var answer = Assess(Case.WithCk(9000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, [])
            .Weakness(WeaknessGrade.Moderate).Patient(sex, 60, weightKg, heightCm: heightCm));

        answer.Treatment.Should().Contain(t => t.Id == TreatmentId.Ivig);
        answer.Missing.Any(m => m.Field == "patient.sex").Should().Be(listed);
        if (sex is null or Sex.Unknown)
        {
            var male = Assess(Case.WithCk(9000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, [])
                .Weakness(WeaknessGrade.Moderate).Patient(Sex.Male, 60, weightKg, heightCm: heightCm));
            var dose = answer.Treatment.Single(t => t.Id == TreatmentId.Ivig).Dose!.Text;
            (dose != male.Treatment.Single(t => t.Id == TreatmentId.Ivig).Dose!.Text).Should().Be(listed, "an unrecorded sex is listed exactly when recording it could change the dose");
        }
    }

    [Theory]
    [InlineData(true, false)] // anti-PM/Scl makes the overlap evaluation recommended: a rash (consider) can change nothing
    [InlineData(false, true)] // no myositis-associated antibody known: a rash would list the item, so it is missing
    public void Assess_WorkupItemListedAheadOfALaterRule_DoesNotListWhatThatRuleWouldNeed(bool associatedAntibody, bool rashListed)
    {
        var antibodies = associatedAntibody ? new[] { MyositisAntibody.PmScl } : [];
        var answer = Assess(Case.WithCk(9000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, antibodies)
            .Weakness(WeaknessGrade.Moderate).Patient(Sex.Male, 60, 70));

        answer.Workup.Any(w => w.Id == WorkupId.OverlapEvaluation && w.Priority == WorkupPriority.Recommended).Should().Be(associatedAntibody);
        answer.Missing.Any(m => m.Field == "clinical.rash").Should().Be(rashListed);
    }

    [Fact]
    public void Assess_PregnantAntiSrp_MarksAvoidedOptionsButKeepsThem()
    {
        var answer = Assess(Case.WithCk(9000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, [])
            .Clinical(("proximalWeakness", WeaknessGrade.Moderate), ("onset", Onset.Subacute), ("dysphagia", false),
                ("respiratoryWeakness", false), ("cardiacSymptoms", false))
            .Patient(Sex.Female, 31, 64, pregnant: true));

        answer.Treatment.Where(t => t.Avoid).Select(t => t.Id).Should().BeEquivalentTo([TreatmentId.Methotrexate, TreatmentId.Mycophenolate, TreatmentId.Rituximab]);
        answer.Treatment.Single(t => t.Id == TreatmentId.Methotrexate).Cautions.Should().Contain(c => c.Contains("pregnancy", StringComparison.OrdinalIgnoreCase));
        answer.Treatment.Single(t => t.Id == TreatmentId.Ivig).Avoid.Should().BeFalse();
    }

    [Fact]
    public void Assess_PregnantAntiSrpRedFlagNotRecorded_DoesNotCallTheDiseaseNotSevere()
    {
        var answer = Assess(Case.WithCk(9000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, [])
            .Clinical(("proximalWeakness", WeaknessGrade.Moderate), ("onset", Onset.Subacute), ("respiratoryWeakness", false), ("cardiacSymptoms", false))
            .Patient(Sex.Female, 31, 64, pregnant: true));

        var rituximab = answer.Treatment.Single(t => t.Id == TreatmentId.Rituximab);
        rituximab.Avoid.Should().BeFalse();
        rituximab.Cautions.Should().Contain(c => c.Contains("only for severe disease", StringComparison.Ordinal));
        answer.Missing.Should().Contain(m => m.Field == "clinical.dysphagia");
    }

    [Fact]
    public void Assess_WomanWithPregnancyUnrecorded_SaysToCheckIt()
    {
        var answer = Assess(Case.WithCk(9000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, [])
            .Weakness(WeaknessGrade.Moderate).Patient(Sex.Female, 31, 64));

        answer.Treatment.Single(t => t.Id == TreatmentId.Methotrexate).Should().Match<TreatmentOption>(t =>
            !t.Avoid && t.Cautions.Any(c => c.Contains("Pregnancy status not recorded", StringComparison.Ordinal)));
        answer.Missing.Should().Contain(m => m.Field == "patient.pregnant");
    }

    [Fact]
    public void Assess_Man_IsNeverAskedAboutPregnancy()
    {
        var answer = Assess(ClassicStatinHmgcr(80));

        answer.Missing.Should().NotContain(m => m.Field == "patient.pregnant");
        answer.Treatment.SelectMany(t => t.Cautions).Should().NotContain(c => c.Contains("Pregnancy", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_AlmostNothingKnown_IsInsufficientAndSaysWhatIsMissing()
    {
        var answer = Assess(Case.Empty().Clinical(("myalgia", true)));

        answer.Subtype.Code.Should().Be(SubtypeCode.InsufficientData);
        answer.Treatment.Should().BeEmpty();
        answer.Missing.Select(m => m.Field).Should().Contain(["ck.value", "antibodies.hmgcr", "antibodies.srp", "clinical.proximalWeakness"]);
        answer.Missing.Should().OnlyContain(m => m.Why.Length > 10);
        answer.Workup.Should().Contain(w => w.Id == WorkupId.Ck && w.Priority == WorkupPriority.Required && w.Status == WorkupStatus.Outstanding);
        answer.Workup.Should().Contain(w => w.Id == WorkupId.MyositisAntibodies && w.Priority == WorkupPriority.Required);
    }

    [Fact]
    public void Assess_Rituximab_CitesTheAntiSrpCohortOnlyWhereItIsGivenForAntiSrp()
    {
        var srp = Assess(Case.WithCk(4000, uln: 200).Antibodies(AntibodyResult.Negative, AntibodyResult.Positive, [])
            .Weakness(WeaknessGrade.Moderate, Onset.Subacute).Patient(Sex.Male, ageYears: 50, weightKg: 80));
        var hmgcr = Assess(ClassicStatinHmgcr(80));

        srp.Treatment.Should().ContainSingle(t => t.Id == TreatmentId.Rituximab)
            .Which.Citations.Should().Contain("pinal-fernandez-2017-srp");
        hmgcr.Treatment.Should().ContainSingle(t => t.Id == TreatmentId.Rituximab)
            .Which.Citations.Should().NotContain("pinal-fernandez-2017-srp", "the anti-SRP cohort says nothing of refractory anti-HMGCR");
    }

    [Fact]
    public void Assess_DefaultUln_IsListedAsMissingWithItsSource()
    {
        var answer = Assess(Case.WithCk(5000).Antibodies(AntibodyResult.Positive, AntibodyResult.Negative).Weakness(WeaknessGrade.Mild).Patient(Sex.Female));

        answer.Missing.Should().ContainSingle(m => m.Field == "ck.upperLimitOfNormal")
            .Which.Citations.Should().Contain("filosto-2025");
        answer.Citations.Should().Contain(c => c.Id == "filosto-2025");
    }

    [Fact]
    public void Assess_SameCaseTwice_GivesTheSameAnswerButANewId()
    {
        var first = Assess(ClassicStatinHmgcr(80));
        var second = Assess(ClassicStatinHmgcr(80));

        // Compared as JSON: the traces hold JSON values, which compare by content only when written out.
        JsonSerializer.Serialize(second with { AssessmentId = first.AssessmentId }, ImnmJson.Options)
            .Should().Be(JsonSerializer.Serialize(first, ImnmJson.Options));
        second.AssessmentId.Should().NotBe(first.AssessmentId);
    }
}
