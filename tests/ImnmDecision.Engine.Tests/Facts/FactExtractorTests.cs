using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Facts;

public sealed class FactExtractorTests
{
    private static readonly FactExtractor Extractor = new(defaultUlnFemaleUnitsPerLitre: 200, defaultUlnOtherUnitsPerLitre: 300, timesUlnThresholds: [1, 10, 50]) { ChildUnderYears = 18 };

    private static FactSet Extract(Findings findings)
    {
        var facts = new FactSet();
        Extractor.Extract(findings.Values, facts);
        return facts;
    }

    [Fact]
    public void Extract_CkInMicrokatal_ConvertsValueAndUlnToUnitsPerLitre()
    {
        var facts = Extract(Case.WithCk(140, uln: 3.5, unit: CkUnit.MicrokatalPerLitre).Build());

        facts[FactCatalog.CkUnitsPerLitre].Should().Be(8400);
        facts[FactCatalog.CkUpperLimitUnitsPerLitre].Should().Be(210);
        facts[FactCatalog.CkTimesUpperLimit].Should().BeApproximately(40, 1e-9);
        facts[FactCatalog.CkElevated].Should().Be(1);
        facts.AssumedFields.Should().Be(FieldMask.Zero);
    }

    [Theory]
    [InlineData(Sex.Female, 250, 200, 1)]
    [InlineData(Sex.Male, 250, 300, 0)]
    public void Extract_NoLabUln_UsesDefaultForSexAndRecordsAssumption(Sex sex, double ck, double expectedUln, double elevated)
    {
        var facts = Extract(Case.WithCk(ck).Patient(sex: sex).Build());

        facts[FactCatalog.CkUpperLimitUnitsPerLitre].Should().Be(expectedUln);
        facts[FactCatalog.CkElevated].Should().Be(elevated);
        InputField.PathsOf(facts.AssumedFields).Should().Equal("ck.upperLimitOfNormal");
    }

    [Fact]
    public void Extract_NoLabUlnAndNoSex_AlsoReportsSexAsAssumed()
    {
        var facts = Extract(Case.WithCk(400).Build());

        InputField.PathsOf(facts.AssumedFields).Should().BeEquivalentTo("ck.upperLimitOfNormal", "patient.sex");
    }

    [Theory]
    [InlineData(null, 320, 1.0)]
    [InlineData(Sex.Unknown, 300.5, 1.0)]
    [InlineData(Sex.Other, 301, 1.0)]
    [InlineData(null, 200, 0.0)]
    [InlineData(Sex.Unknown, 150, 0.0)]
    [InlineData(Sex.Other, 0, 0.0)]
    public void Extract_NoLabUlnAndNoUsableSex_RaisedAboveTheHigherDefaultNotAtOrBelowTheLower(Sex? sex, double ck, double elevated)
    {
        var facts = Extract(Case.WithCk(ck).Patient(sex: sex).Build());

        facts[FactCatalog.CkElevated].Should().Be(elevated);
        facts.IsKnown(FactCatalog.CkUpperLimitUnitsPerLitre).Should().BeFalse("both defaults apply, so the ULN itself is not known");
    }

    [Theory]
    [InlineData(null, 250, new[] { "ck.upperLimitOfNormal", "patient.sex" })]
    [InlineData(Sex.Unknown, 280, new[] { "ck.upperLimitOfNormal", "patient.sex" })]
    [InlineData(Sex.Other, 200.01, new[] { "ck.upperLimitOfNormal" })]
    [InlineData(Sex.Other, 300, new[] { "ck.upperLimitOfNormal" })]
    public void Extract_NoLabUlnAndNoUsableSex_BetweenTheDefaultsIsUnknownFromTheUlnAndSex(Sex? sex, double ck, string[] sources)
    {
        var facts = Extract(Case.WithCk(ck).Patient(sex: sex).Build());

        facts.IsKnown(FactCatalog.CkElevated).Should().BeFalse();
        facts.IsKnown(FactCatalog.CkTimesUpperLimit).Should().BeFalse("1x lies between CK over 300 and CK over 200");
        InputField.PathsOf(facts.UnknownSources(FactCatalog.CkElevated)).Should().BeEquivalentTo(sources);
    }

    [Theory]
    [InlineData(20000, 66.67)]
    [InlineData(400, 1.33)]
    [InlineData(1800, 6)]
    public void Extract_NoUsableSex_MultipleIsKnownWhenNoThresholdLiesBetweenTheDefaults(double ck, double timesHigherDefault)
    {
        var facts = Extract(Case.WithCk(ck).Build());

        facts[FactCatalog.CkTimesUpperLimit].Should().BeApproximately(timesHigherDefault, 0.01);
    }

    [Theory]
    [InlineData(2400)]
    [InlineData(12000)]
    public void Extract_NoUsableSex_MultipleIsUnknownWhenTheDefaultsDecideARuleDifferently(double ck)
    {
        // 2,400 U/L is 8x against 300 but 12x against 200 (row 7's 10x); 12,000 U/L is 40x or 60x (extreme CK at 50x).
        var facts = Extract(Case.WithCk(ck).Build());

        facts.IsKnown(FactCatalog.CkTimesUpperLimit).Should().BeFalse();
        facts[FactCatalog.CkElevated].Should().Be(1);
        InputField.PathsOf(facts.UnknownSources(FactCatalog.CkTimesUpperLimit)).Should().BeEquivalentTo("ck.upperLimitOfNormal", "patient.sex");
    }

    [Theory]
    [InlineData(109.0, 2.18, CkUnit.MicrokatalPerLitre, 50)]
    [InlineData(6540, 130.8, CkUnit.UnitsPerLitre, 50)]
    [InlineData(1368, 136.8, CkUnit.UnitsPerLitre, 10)]
    [InlineData(22.8, 2.28, CkUnit.MicrokatalPerLitre, 10)]
    [InlineData(3.3, 3.3, CkUnit.MicrokatalPerLitre, 1)]
    [InlineData(0.3, 0.1, CkUnit.UnitsPerLitre, 3)]
    public void Extract_ExactMultiples_AreExactInEitherUnit(double ck, double uln, CkUnit unit, double times)
    {
        var facts = Extract(Case.WithCk(ck, uln, unit).Build());

        facts[FactCatalog.CkTimesUpperLimit].Should().Be(times, "binary floating point gives 49.99999999999999 or 10.000000000000002 here");
        facts[FactCatalog.CkElevated].Should().Be(times > 1 ? 1 : 0);
    }

    [Fact]
    public void Extract_CkInMicrokatalWithDefaultUln_ConvertsOnlyTheValue()
    {
        var facts = Extract(Case.WithCk(5, unit: CkUnit.MicrokatalPerLitre).Patient(sex: Sex.Female).Build());

        facts[FactCatalog.CkUnitsPerLitre].Should().Be(300);
        facts[FactCatalog.CkUpperLimitUnitsPerLitre].Should().Be(200);
        facts[FactCatalog.CkTimesUpperLimit].Should().Be(1.5);
    }

    [Fact]
    public void Extract_CkWithoutUnit_AssumesUnitsPerLitreAndSaysSo()
    {
        var facts = Extract(Case.Empty().Ck(5000, uln: 200, unit: null).Build());

        facts[FactCatalog.CkTimesUpperLimit].Should().Be(25);
        InputField.PathsOf(facts.AssumedFields).Should().Equal("ck.unit");
    }

    [Fact]
    public void Extract_NoCkValue_LeavesCkFactsUnknownFromCkValue()
    {
        var facts = Extract(Case.Empty().Weakness(WeaknessGrade.Mild).Build());

        facts.IsKnown(FactCatalog.CkElevated).Should().BeFalse();
        facts.IsKnown(FactCatalog.CkTimesUpperLimit).Should().BeFalse();
        InputField.PathsOf(facts.UnknownSources(FactCatalog.CkElevated)).Should().Equal("ck.value");
        facts.AssumedFields.Should().Be(FieldMask.Zero, "no CK value means no ULN is needed");
    }

    [Theory]
    [InlineData(StatinExposure.Current, 1.0)]
    [InlineData(StatinExposure.Past, 1.0)]
    [InlineData(StatinExposure.Never, 0.0)]
    public void Extract_StatinExposure_MapsToExposed(StatinExposure exposure, double expected)
    {
        Extract(Case.Empty().Statin(exposure).Build())[FactCatalog.StatinExposed].Should().Be(expected);
    }

    [Fact]
    public void Extract_StatinExposureUnknown_IsUnknownNotFalse()
    {
        var facts = Extract(Case.Empty().Statin(StatinExposure.Unknown).Build());

        facts.IsKnown(FactCatalog.StatinExposed).Should().BeFalse();
        facts[Slot("statin.exposure")].Should().Be((int)StatinExposure.Unknown);
        InputField.PathsOf(facts.UnknownSources(FactCatalog.StatinExposed)).Should().Equal("statin.exposure");
    }

    [Theory]
    [InlineData(WeaknessGrade.None, 0.0)]
    [InlineData(WeaknessGrade.Mild, 1.0)]
    [InlineData(WeaknessGrade.Severe, 1.0)]
    public void Extract_Weakness_MapsToPresent(WeaknessGrade grade, double expected)
    {
        Extract(Case.Empty().Weakness(grade).Build())[FactCatalog.WeaknessPresent].Should().Be(expected);
    }

    [Fact]
    public void Extract_NoWeaknessRecorded_IsUnknown()
    {
        Extract(Case.WithCk(1000).Build()).IsKnown(FactCatalog.WeaknessPresent).Should().BeFalse();
    }

    [Fact]
    public void Extract_EquivocalOrUntestedAntibody_IsUnknownButReportedValueIsKept()
    {
        var facts = Extract(Case.Empty().Antibodies(AntibodyResult.Equivocal, AntibodyResult.NotTested).Build());

        facts.IsKnown(FactCatalog.Hmgcr).Should().BeFalse();
        facts.IsKnown(FactCatalog.Srp).Should().BeFalse();
        facts[FactCatalog.HmgcrReported].Should().Be((int)AntibodyResult.Equivocal);
        facts[FactCatalog.SrpReported].Should().Be((int)AntibodyResult.NotTested);
        InputField.PathsOf(facts.UnknownSources(FactCatalog.ImnmAntibodyPositive)).Should().BeEquivalentTo("antibodies.hmgcr", "antibodies.srp");
    }

    [Theory]
    [InlineData(AntibodyResult.Positive, null, 1.0)]
    [InlineData(AntibodyResult.Negative, AntibodyResult.Negative, 0.0)]
    public void Extract_ImnmAntibodyPositive_IsTrueOnAnyPositiveAndFalseOnlyWhenBothNegative(AntibodyResult hmgcr, AntibodyResult? srp, double expected)
    {
        Extract(Case.Empty().Antibodies(hmgcr, srp).Build())[FactCatalog.ImnmAntibodyPositive].Should().Be(expected);
    }

    [Fact]
    public void Extract_OneNegativeOneAbsent_ImnmPositiveIsUnknownFromTheAbsentOnly()
    {
        var facts = Extract(Case.Empty().Antibodies(AntibodyResult.Negative).Build());

        facts.IsKnown(FactCatalog.ImnmAntibodyPositive).Should().BeFalse();
        InputField.PathsOf(facts.UnknownSources(FactCatalog.ImnmAntibodyPositive)).Should().Equal("antibodies.srp");
    }

    [Fact]
    public void Extract_OtherAntibodies_AbsentIsUnknownAndEmptyListIsKnownNegative()
    {
        Extract(Case.Empty().Antibodies(AntibodyResult.Negative, others: null).Build()).IsKnown(FactCatalog.OtherAntibodyPositive).Should().BeFalse();
        Extract(Case.Empty().Antibodies(AntibodyResult.Negative, others: []).Build())[FactCatalog.OtherAntibodyPositive].Should().Be(0);
        Extract(Case.Empty().Antibodies(AntibodyResult.Negative, null, MyositisAntibody.Jo1).Build())[FactCatalog.OtherAntibodyPositive].Should().Be(1);
    }

    [Theory]
    [InlineData(MyositisAntibody.PmScl)]
    [InlineData(MyositisAntibody.Ku)]
    public void Extract_PmSclOrKuAmongSpecific_IsNotAnotherSpecificAntibody(MyositisAntibody associated)
    {
        Extract(Case.Empty().Antibodies(AntibodyResult.Positive, null, associated).Build())[FactCatalog.OtherAntibodyPositive].Should().Be(0);
        Extract(Case.Empty().Antibodies(AntibodyResult.Positive, null, associated, MyositisAntibody.Mi2).Build())[FactCatalog.OtherAntibodyPositive].Should().Be(1);
    }

    [Fact]
    public void Extract_PatternWithoutPerformed_ImpliesPerformed()
    {
        var findings = new FindingsBuilder().Choice("biopsy.pattern", BiopsyPattern.Necrotizing).Build();

        var facts = Extract(findings);

        facts[FactCatalog.BiopsyPerformed].Should().Be(1);
        facts[Slot("biopsy.pattern")].Should().Be((int)BiopsyPattern.Necrotizing);
    }

    [Fact]
    public void Extract_NoBiopsy_PatternIsUnknownFromBiopsy()
    {
        var facts = Extract(Case.WithCk(100).Build());

        facts.IsKnown(Slot("biopsy.pattern")).Should().BeFalse();
        InputField.PathsOf(facts.UnknownSources(Slot("biopsy.pattern"))).Should().Equal("biopsy");
    }

    [Fact]
    public void Extract_BiopsyPerformedWithoutPattern_PatternIsUnknownFromPattern()
    {
        var facts = Extract(new FindingsBuilder().Boolean("biopsy.performed", true).Build());

        InputField.PathsOf(facts.UnknownSources(Slot("biopsy.pattern"))).Should().Equal("biopsy.pattern");
    }

    [Fact]
    public void Extract_Height_IsAFactOfTheSameNameFromTheSchema()
    {
        var facts = Extract(Case.WithCk(100).Patient(heightCm: 172.5).Build());

        facts[Slot("patient.heightCm")].Should().Be(172.5);
    }

    [Fact]
    public void Extract_HeightAbsent_IsUnknownFromItsField()
    {
        var facts = Extract(Case.WithCk(100).Build());

        facts.IsKnown(Slot("patient.heightCm")).Should().BeFalse();
        InputField.PathsOf(facts.UnknownSources(Slot("patient.heightCm"))).Should().Equal("patient.heightCm");
    }

    [Fact]
    public void Extract_BiopsyStainWithoutABiopsy_IsUnknownFromBiopsy()
    {
        var facts = Extract(new FindingsBuilder().Boolean("biopsy.mhc1Diffuse", true).Build());

        facts.IsKnown(Slot("biopsy.mhc1Diffuse")).Should().BeFalse("a stain alone does not say a biopsy was done");
        InputField.PathsOf(facts.UnknownSources(Slot("biopsy.mhc1Diffuse"))).Should().Equal("biopsy");
    }

    private static int Slot(string fact) => FactCatalog.TryGet(fact, out var definition) ? definition.Slot : throw new KeyNotFoundException(fact);

    [Theory]
    [InlineData(17.9, 1)]
    [InlineData(18, 0)]
    [InlineData(6, 1)]
    public void Extract_Age_DecidesChildBelowTheChildAge(double age, double child)
    {
        var facts = Extract(Case.Empty().Patient(ageYears: age).Build());

        facts[FactCatalog.PatientChild].Should().Be(child);
    }

    [Fact]
    public void Extract_NoAge_LeavesChildUnknownFromTheAge()
    {
        var facts = Extract(Case.WithCk(100).Build());

        facts.IsKnown(FactCatalog.PatientChild).Should().BeFalse();
        facts.UnknownSources(FactCatalog.PatientChild).Should().Be(InputField.Bit("patient.ageYears"));
    }

    [Fact]
    public void Extract_WeightAndHeight_GiveMostellerBodySurfaceArea()
    {
        var facts = Extract(Case.Empty().Patient(weightKg: 20, heightCm: 115).Build());

        facts[FactCatalog.BodySurfaceArea].Should().BeApproximately(Math.Sqrt(115.0 * 20 / 3600), 1e-12);
        facts[FactCatalog.BodySurfaceArea].Should().BeApproximately(0.799, 0.001);
    }

    [Fact]
    public void Extract_NoHeight_LeavesBodySurfaceAreaUnknownFromTheHeight()
    {
        var facts = Extract(Case.Empty().Patient(weightKg: 20).Build());

        facts.IsKnown(FactCatalog.BodySurfaceArea).Should().BeFalse();
        facts.UnknownSources(FactCatalog.BodySurfaceArea).Should().Be(InputField.Bit("patient.heightCm"));
    }
}
