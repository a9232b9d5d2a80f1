using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.CdsHooks;
using ImnmDecision.CdsHooks.Cards;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>Cards from an assessment: the field rules of CDS Hooks 2.0 and what the subtype card must say.</summary>
public sealed class CardBuilderTests
{
    private static readonly RulesetIdentity Ruleset = new() { Id = "imnm-core", Version = "2026.11.0", Sha256 = new string('a', 64) };

    [Fact]
    public void Build_ImnmSubtypeWithoutAlerts_IsOneWarningCardWithTheValuesDatesWorkupTreatmentAndNumberedCitations()
    {
        var cards = Builder().Build(Assessment(), Mapped());

        var card = cards.Should().ContainSingle().Subject;
        card.Indicator.Should().Be("warning");
        card.Summary.Should().Be("IMNM: Anti-HMGCR IMNM, statin-exposed (probable)");
        card.Uuid.Should().Be(Assessment().AssessmentId.ToString());
        card.Source.Label.Should().Be("ImnmDecision, ruleset imnm-core@2026.11.0+aaaaaaaaaaaa");
        card.Source.Topic!.Code.Should().Be("imnm-assessment");
        card.OverrideReasons.Should().NotBeEmpty().And.OnlyContain(r => r.Display!.Length > 0 && r.System == "urn:imnm-decision:cds-override-reason");
        var detail = card.Detail!;
        detail.Should().Contain("- CK 8,400 U/L on 2024-03-02; lab upper limit of normal 200 U/L.");
        detail.Should().Contain("- Anti-HMGCR positive, statin exposed. [1, 2]");
        detail.Should().Contain("Facts read: Anti-HMGCR antibody: positive; CK × upper limit of normal: 42; Weakness: unknown");
        detail.Should().Contain("- [ ] **Muscle biopsy** (required): To confirm necrotizing myopathy. [1]");
        detail.Should().Contain("- [x] **CK** (recommended, done)");
        detail.Should().Contain("1. **Stop the statin** (immediate): Now [3]");
        detail.Should().Contain("2. ~~**Methotrexate**~~ avoid (steroid-sparing). Cautions: Not in pregnancy. [3]");
        detail.Should().Contain("- Proximal weakness (`clinical.proximalWeakness`): Needed for the ENMC criteria.");
        detail.Should().Contain(AssessmentCardBuilder.SymptomsNotRead);
        detail.Should().Contain("#### References\n1. Allenbach Y et al. ENMC (2018). *ENMC IMNM classification*. <https://doi.org/10.1016/j.nmd.2017.09.016>\n2. ");
        detail.Should().EndWith("_Decision support for clinicians; not a diagnosis. Ruleset imnm-core@2026.11.0+aaaaaaaaaaaa._\n");
    }

    [Theory]
    [InlineData("ck.elevated", true, "CK raised: yes")]
    [InlineData("antibodies.hmgcr.reported", AntibodyResult.NotTested, "Anti-HMGCR as reported: not tested")]
    [InlineData("alerts.raised", AlertId.ExtremeCk, "Red flags raised: Very high CK")]
    [InlineData("clinical.proximalWeakness", null, "Proximal weakness: unknown")]
    public void Fact_ReadsAsLabelAndValueInWords(string key, object? value, string text) =>
        FactText.Fact(key, value).Should().Be(text);

    [Theory]
    [InlineData("skin.heliotropeRash", "Heliotrope rash")]
    [InlineData("skin.gottronPapules", "Gottron's papules")]
    [InlineData("skin.gottronSign", "Gottron's sign")]
    [InlineData("clinical.symptomOnsetYearsAgo", "Years since the first symptom")]
    [InlineData("clinical.weaknessPattern.neckFlexorsWeakerThanExtensors", "Neck flexors weaker than extensors")]
    [InlineData("biopsy.rimmedVacuoles", "Biopsy: rimmed vacuoles")]
    [InlineData("patient.heightCm", "Height")]
    [InlineData("future.someNewField", "Some new field")]
    public void Field_EveryPathTheCardNames_ReadsAsWordsNotAsAnId(string path, string label) =>
        CardText.Field(path).Should().Be(label);

    [Fact]
    public void Classification_BelowTheCutOff_SaysCategoryAndSubgroupInWordsWithoutEnumSpellings()
    {
        var line = CardText.Classification(Classification(ClassificationCategory.NotIim,
            new ClassificationSubgroupResult { Code = ClassificationSubgroup.NotReached, Label = "Not reached: the probability is below the 55% cut-off." }));

        line.Should().Contain("probability 0.5% (not classified as IIM)").And.Contain("subgroup not reached: the probability is below the 55% cut-off.")
            .And.NotContain("not-iim").And.NotContain("not-reached").And.NotContain("..");
    }

    [Fact]
    public void Classification_TreeNeedsUnknownFindings_NamesThemInWords()
    {
        var line = CardText.Classification(Classification(ClassificationCategory.Probable,
            new ClassificationSubgroupResult { Code = ClassificationSubgroup.NotReached, Label = "Not reached: the classification tree needs findings that are not known (see needs).", Needs = ["skin.heliotropeRash", "skin.gottronSign"] }));

        line.Should().Contain("(probable IIM)").And.Contain("subgroup not reached: it needs Heliotrope rash, Gottron's sign.").And.NotContain("see needs");
    }

    [Fact]
    public void Classification_SubgroupReached_UsesTheRulesetLabel()
    {
        var line = CardText.Classification(Classification(ClassificationCategory.Definite,
            new ClassificationSubgroupResult { Code = ClassificationSubgroup.Polymyositis, Label = "Polymyositis (in this tree it includes immune-mediated necrotizing myopathy)" }));

        line.Should().Contain("(definite IIM)").And.Contain("subgroup Polymyositis (in this tree it includes immune-mediated necrotizing myopathy).");
    }

    private static ClassificationResult Classification(ClassificationCategory category, ClassificationSubgroupResult subgroup) => new()
    {
        BiopsyIncluded = false,
        Score = 0,
        Probability = 0.005,
        Category = category,
        MaxScore = 10,
        MaxProbability = 1,
        MaxCategory = ClassificationCategory.Definite,
        Subgroup = subgroup,
        Items = [],
    };

    [Fact]
    public void Build_CriticalAlert_MakesTheSubtypeCardCriticalAndAddsACardPerAlert()
    {
        var assessment = Assessment() with
        {
            Alerts =
            [
                new AlertItem { Id = AlertId.Dysphagia, Severity = AlertSeverity.Critical, Message = "Dysphagia: aspiration risk.", RuleId = "alert.dysphagia", Citations = ["dalil"] },
                new AlertItem { Id = AlertId.ExtremeCk, Severity = AlertSeverity.Warning, Message = "Check renal function.", RuleId = "alert.extreme-ck", Citations = ["enmc-2018"] },
            ],
        };

        var cards = Builder().Build(assessment, Mapped());

        cards.Should().HaveCount(3);
        cards[0].Indicator.Should().Be("critical");
        cards[0].Summary.Should().EndWith("; 2 red flags");
        cards[1].Indicator.Should().Be("critical");
        cards[1].Summary.Should().Be("Red flag: Dysphagia. Dysphagia: aspiration risk.");
        cards[1].Source.Topic!.Code.Should().Be("imnm-red-flag");
        cards[2].Indicator.Should().Be("critical", "every red flag gets its own critical card (cds-hooks.md)");
        cards[2].Detail.Should().Contain("(warning)", "the card still shows the ruleset's severity");
        cards.Select(c => c.Uuid).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(SubtypeCode.NotSupported, "info")]
    [InlineData(SubtypeCode.InsufficientData, "info")]
    [InlineData(SubtypeCode.AlternativeDiagnosisLikely, "info")]
    [InlineData(SubtypeCode.AntiSrp, "warning")]
    [InlineData(SubtypeCode.Seronegative, "warning")]
    [InlineData(SubtypeCode.ConflictingSerology, "warning")]
    public void Build_Subtypes_GetTheIndicatorOfTheDesign(SubtypeCode code, string indicator)
    {
        var assessment = Assessment() with { Subtype = Assessment().Subtype with { Code = code, Certainty = Certainty.NotApplicable } };

        Builder().Build(assessment, Mapped())[0].Indicator.Should().Be(indicator);
    }

    [Fact]
    public void Build_VeryLongLabelAndMessage_KeepSummariesUnder140Characters()
    {
        var longText = string.Join(' ', Enumerable.Repeat("necrotizing", 30));
        var assessment = Assessment() with
        {
            Subtype = Assessment().Subtype with { Label = longText },
            Alerts = [new AlertItem { Id = AlertId.RespiratoryWeakness, Severity = AlertSeverity.Critical, Message = longText, RuleId = "r", Citations = ["dalil"] }],
        };

        var cards = Builder().Build(assessment, Mapped() with { Gaps = [new DataGap("CK results", "the FHIR server did not answer within 400 ms", true)] });

        cards.Should().OnlyContain(c => c.Summary.Length < 140 && c.Summary.EndsWith('…'));
        cards[0].Summary.Should().StartWith("Incomplete data. IMNM: necrotizing");
    }

    [Fact]
    public void Build_Serialized_HasNoNullsEmptyStringsOrEmptyLists()
    {
        var assessment = Assessment() with { Workup = [], Treatment = [], Missing = [] };

        var json = JsonSerializer.Serialize(new CdsResponse(Builder().Build(assessment, Mapped() with { Notes = [] })), CardJson.Options);

        JsonNode.Parse(json)!["cards"]!.AsArray().ShouldKeepTheCardRules();
        json.Should().NotContain("null").And.NotContain("[]").And.NotContain("suggestions");
    }

    [Fact]
    public void Build_IncompleteGuidance_SaysWhichDataDidNotArriveAndWhy()
    {
        var mapped = Mapped() with { Gaps = [new DataGap("medication orders", "the FHIR server answered HTTP 500", true), new DataGap("body weight", "not provided by the EHR", false)] };

        var card = Builder().Build(Assessment(), mapped)[0];

        card.Summary.Should().StartWith("Incomplete data. ");
        card.Detail.Should().Contain("> **Guidance incomplete**")
            .And.Contain("- Medication orders: the FHIR server answered HTTP 500.")
            .And.Contain("- Body weight: not provided by the EHR.");
    }

    [Fact]
    public void Incomplete_NoAssessmentPossible_IsAnInfoCardListingTheGaps()
    {
        var mapped = Mapped() with { Gaps = [new DataGap("CK results", "the FHIR server did not answer within 400 ms", true)] };

        var card = Builder().Incomplete(mapped, Ruleset.Tag);

        card.Indicator.Should().Be("info");
        card.Summary.Should().Be("IMNM guidance incomplete: the EHR data it needs could not be retrieved");
        card.Detail.Should().Contain("- CK results: the FHIR server did not answer within 400 ms.");
        card.Source.Topic!.Code.Should().Be("imnm-guidance-incomplete");
    }

    [Fact]
    public void StatinWarning_WithStopStatinAdvice_SuggestsRemovingTheDraftOrder()
    {
        var hmgcr = new AntibodyReading("hmgcr", AntibodyResult.Positive, ClinicalDate.Parse("2024-03-05"), "interpretation POS");

        var card = new StatinOrderCardBuilder(Sources()).Warning("rosuvastatin", hmgcr, Assessment(), Mapped(), "MedicationRequest/draft-1");

        card.Indicator.Should().Be("warning");
        card.Summary.Should().Be("Statin ordered, but anti-HMGCR antibody positive (2024-03-05): review before signing");
        card.Detail.Should().StartWith("**Rosuvastatin is being ordered** for a patient whose anti-HMGCR antibody was positive on 2024-03-05 (interpretation POS).");
        card.Detail.Should().Contain("- **Stop the statin** (immediate): Now [3]");
        card.SelectionBehavior.Should().Be("any", "removing the order and the non-statin alternative can both be accepted");
        var action = card.Suggestions.Should().ContainSingle().Subject.Actions.Should().ContainSingle().Subject;
        action.Type.Should().Be("delete");
        action.ResourceId.Should().Be("MedicationRequest/draft-1");
        card.OverrideReasons.Should().Contain(r => r.Code == "specialist-approved");
    }

    [Fact]
    public void StatinWarning_PositiveThenNegative_SummarySaysTheLaterNegativeAsTheDetailDoes()
    {
        var hmgcr = new AntibodyReading("hmgcr", AntibodyResult.Negative, ClinicalDate.Parse("2024-03-05"), "interpretation NEG")
        {
            EarlierPositive = new AntibodyReading("hmgcr", AntibodyResult.Positive, ClinicalDate.Parse("2023-11-02"), "interpretation POS"),
        };

        var card = new StatinOrderCardBuilder(Sources()).Warning("rosuvastatin", hmgcr, Assessment(), Mapped(), "MedicationRequest/draft-1");

        card.Summary.Should().Be("Statin ordered, but anti-HMGCR antibody positive (2023-11-02), later negative: review before signing");
        card.Detail.Should().Contain("a later result on 2024-03-05 was negative (interpretation NEG), so the record is equivocal");
    }

    [Fact]
    public void MedicationUnread_PositiveThenNegative_SummarySaysTheLaterNegativeToo()
    {
        var hmgcr = new AntibodyReading("hmgcr", AntibodyResult.Negative, ClinicalDate.Parse("2024-03-05"), "interpretation NEG")
        {
            EarlierPositive = new AntibodyReading("hmgcr", AntibodyResult.Positive, ClinicalDate.Parse("2023-11-02"), "interpretation POS"),
        };
        var mapped = Mapped() with { Hmgcr = hmgcr, Gaps = [new DataGap("the medication of draft order MedicationRequest/draft-1", "its code could not be read", true)] };

        var card = new StatinOrderCardBuilder(Sources()).MedicationUnread(mapped, "imnm-core@2026.11.0+aaaaaaaaaaaa");

        card.Summary.Should().Be("Draft order not checked for a statin, and anti-HMGCR antibody positive (2023-11-02), later negative");
        card.Detail.Should().Contain("positive on 2023-11-02 (interpretation POS) and negative on 2024-03-05 (interpretation NEG)");
    }

    [Fact]
    public void Build_MissingReasonEndingInAParenthesis_EndsWithAFullStop()
    {
        var assessment = Assessment() with { Missing = [new MissingItem { Field = "biopsy", Why = "Its pattern can add genetic testing (dystrophic)" }] };

        Builder().Build(assessment, Mapped())[0].Detail.Should().Contain("- Muscle biopsy (`biopsy`): Its pattern can add genetic testing (dystrophic).\n");
    }

    private static readonly MappedSections Sections = new() { Ck = new CkFindings { Value = 8400, Unit = CkUnit.UnitsPerLitre, UpperLimitOfNormal = 200 } };

    private static AssessmentCardBuilder Builder() => new(Sources());

    private static CardSources Sources() => new(new StaticOptions<CdsHooksOptions>(new CdsHooksOptions()), CdsFixtures.Codes);

    private static MappedCase Mapped() => new()
    {
        Sections = Sections,
        Findings = Sections.ToFindings(),
        Evidence = ["CK 8,400 U/L on 2024-03-02; lab upper limit of normal 200 U/L."],
        Notes = ["A CK result (2024-03-04, entered in error) was not used."],
        Gaps = [],
    };

    private static Assessment Assessment() => new()
    {
        AssessmentId = new Guid("8d7d3c53-2a77-4a4e-9d9e-0f5b3c1f0a11"),
        Summary = "Anti-HMGCR IMNM, statin-exposed, probable; next required step: Stop the statin.",
        Ruleset = Ruleset,
        Subtype = new SubtypeResult
        {
            Code = SubtypeCode.AntiHmgcrStatinExposed,
            Label = "Anti-HMGCR IMNM, statin-exposed",
            Certainty = Certainty.Probable,
            Because =
            [
                new Reason
                {
                    RuleId = "subtype.anti-hmgcr.statin-exposed",
                    Statement = "Anti-HMGCR positive, statin exposed.",
                    Facts = new Dictionary<string, object?> { ["antibodies.hmgcr"] = "positive", ["ck.timesUln"] = 42.0, ["weakness.present"] = null },
                    Citations = ["enmc-2018", "mammen"],
                },
            ],
        },
        Alerts = [],
        Workup =
        [
            new WorkupItem { Id = WorkupId.MuscleBiopsy, Label = "Muscle biopsy", Priority = WorkupPriority.Required, Status = WorkupStatus.Outstanding, Reason = "To confirm necrotizing myopathy.", RuleId = "w1", Citations = ["enmc-2018"] },
            new WorkupItem { Id = WorkupId.Ck, Label = "CK", Priority = WorkupPriority.Recommended, Status = WorkupStatus.Done, Reason = "Done.", RuleId = "w2", Citations = [] },
        ],
        Treatment =
        [
            new TreatmentOption { Id = TreatmentId.StopStatin, Label = "Stop the statin", Role = TreatmentRole.Immediate, Dose = new DoseText { Text = "Now" }, Cautions = [], Avoid = false, RuleId = "t1", Citations = ["weeding"] },
            new TreatmentOption { Id = TreatmentId.Methotrexate, Label = "Methotrexate", Role = TreatmentRole.SteroidSparing, Cautions = ["Not in pregnancy."], Avoid = true, RuleId = "t2", Citations = ["weeding"] },
        ],
        Missing = [new MissingItem { Field = "clinical.proximalWeakness", Why = "Needed for the ENMC criteria." }],
        Citations =
        [
            new CitationEntry { Id = "enmc-2018", Title = "ENMC IMNM classification", Source = "Allenbach Y et al. ENMC", Year = 2018, Url = "https://doi.org/10.1016/j.nmd.2017.09.016", Kind = "consensus" },
            new CitationEntry { Id = "mammen", Title = "Anti-HMGCR myopathy", Source = "Mohassel P, Mammen AL. J Neuromuscul Dis", Year = 2018, Kind = "review" },
            new CitationEntry { Id = "weeding", Title = "Therapeutic management of IMNM", Source = "Weeding E, Tiniakou E. Curr Treatm Opt Rheumatol", Year = 2021, Kind = "review" },
            new CitationEntry { Id = "dalil", Title = "Immune myopathy with necrosis", Source = "Dalil Medical", Kind = "patient-education" },
        ],
        Disclaimer = "Decision support for clinicians; not a diagnosis.",
    };
}
