using System.Text.Json.Nodes;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>
/// The dose data model as the loader reads it: a child's regimen is capped at the adult maximum by the loader
/// itself, and a dose or alert sentence the engine could not apply safely is a ruleset defect.
/// </summary>
public sealed class DoseRulesTests
{
    private static DoseSpec Dose(TreatmentId id) =>
        RealRuleset.Ruleset.TreatmentRules.First(r => r.Action.Treatment == id).Action.Dose!;

    private static RulesetError SingleError(Action<RulesCopy> breakIt)
    {
        using var rules = new RulesCopy();
        breakIt(rules);
        var errors = rules.Check();
        errors.Should().ContainSingle($"one defect was introduced, found: {string.Join(" | ", errors)}");
        return errors[0];
    }

    private static JsonNode Rule(JsonNode root, string id) =>
        root["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;

    [Theory]
    [InlineData(TreatmentId.Methotrexate, 25)]
    [InlineData(TreatmentId.Prednisone, 60)]
    [InlineData(TreatmentId.Azathioprine, 250)]
    [InlineData(TreatmentId.Mycophenolate, 2000)]
    [InlineData(TreatmentId.Rituximab, 1000)]
    [InlineData(TreatmentId.IvMethylprednisolone, 1000)]
    public void Load_ChildDose_IsCappedAtTheLowerOfItsOwnCapAndTheAdultMaximum(TreatmentId id, double cap)
    {
        var dose = Dose(id);

        dose.Child!.Cap.Should().Be(cap);
        (dose.Child.Cap * dose.Child.Amount!.MilligramsPerUnit).Should().BeLessThanOrEqualTo(dose.MaximumMilligrams!.Value);
    }

    [Fact]
    public void Load_ChildDosePerAnotherPeriod_IsReported()
    {
        var error = SingleError(r => r.Edit("treatment.json", root =>
            Rule(root, "treatment.methotrexate")["then"]!["dose"]!["child"]!["perM2"]!["per"] = "day"));

        error.Message.Should().Contain("a child's dose must be per the same period as the adult's ('week')");
    }

    [Fact]
    public void Load_AdjustedWeightOnAFixedDose_IsReported()
    {
        var error = SingleError(r => r.Edit("treatment.json", root =>
            Rule(root, "treatment.methotrexate")["then"]!["dose"]!["weight"] = "adjusted-when-obese"));

        error.Message.Should().Be("weight must be 'adjusted-when-obese', on a 'perKg' dose");
    }

    [Fact]
    public void Load_TwoAmounts_IsReported()
    {
        var error = SingleError(r => r.Edit("treatment.json", root =>
            Rule(root, "treatment.prednisone")["then"]!["dose"]!["fixed"] = new JsonObject { ["min"] = 60, ["unit"] = "mg", ["per"] = "day" }));

        error.Message.Should().Be("give at most one of 'fixed', 'perKg' and 'perM2'");
    }

    [Fact]
    public void Load_AlertSentenceWithoutOptionsPlaceholder_IsReported()
    {
        var error = SingleError(r => r.Edit("alerts.json", root =>
            Rule(root, "alert.dysphagia")["then"]!["treatment"]!["listed"] = "Treat urgently."));

        error.Message.Should().Be("'listed' must hold {options}");
    }

    [Fact]
    public void Finish_NamesOnlyOfferedOptions_InTheirOrder()
    {
        var sentence = new AlertTreatmentText
        {
            Options = [(TreatmentId.IvMethylprednisolone, "IV methylprednisolone"), (TreatmentId.Ivig, "IVIG"), (TreatmentId.Rituximab, "rituximab")],
            Listed = "Treat urgently ({options}).",
            None = "Ask for an urgent specialist assessment.",
        };

        sentence.Finish("Red flag.", id => id != TreatmentId.Ivig).Should().Be("Red flag. Treat urgently (IV methylprednisolone or rituximab).");
        sentence.Finish("Red flag.", _ => true).Should().Be("Red flag. Treat urgently (IV methylprednisolone, IVIG or rituximab).");
        sentence.Finish("Red flag.", _ => false).Should().Be("Red flag. Ask for an urgent specialist assessment.");
    }
}
