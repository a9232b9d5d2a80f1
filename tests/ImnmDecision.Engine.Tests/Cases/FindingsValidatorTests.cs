using FluentValidation.Results;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Cases;

public sealed class FindingsValidatorTests
{
    private static readonly FindingsValidator Validator = new();

    private static ValidationResult Validate(Findings findings) => Validator.Validate(findings);

    [Fact]
    public void Validate_TypicalCase_IsValid()
    {
        Validate(Case.WithCk(8400, uln: 200).Antibodies(AntibodyResult.Positive, AntibodyResult.Negative).Weakness(WeaknessGrade.Severe).Build())
            .IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_EmptyCase_IsRejectedAtRoot()
    {
        var result = Validate(new FindingsBuilder().Build());

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("$");
    }

    [Fact]
    public void Validate_CaseIdOnlyOrEmptySections_IsStillEmpty()
    {
        var result = Validate(new FindingsBuilder().CaseId("cohort-7").Choice("ck.unit", CkUnit.UnitsPerLitre).Text("statin.drug", "atorvastatin").Build());

        result.Errors.Select(e => e.PropertyName).Should().Equal("$");
    }

    [Theory]
    [InlineData(-1, "patient.ageYears")]
    [InlineData(121, "patient.ageYears")]
    public void Validate_AgeOutOfRange_KeysErrorByPath(double age, string path)
    {
        Validate(Case.WithCk(100).Patient(ageYears: age).Build()).Errors.Select(e => e.PropertyName).Should().Equal(path);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(401)]
    public void Validate_WeightOutOfRange_KeysErrorByPath(double weight)
    {
        Validate(Case.WithCk(100).Patient(weightKg: weight).Build()).Errors.Select(e => e.PropertyName).Should().Equal("patient.weightKg");
    }

    [Fact]
    public void Validate_PregnantMale_IsRejectedAtPregnant()
    {
        var result = Validate(Case.WithCk(100).Patient(sex: Sex.Male, pregnant: true).Build());

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("patient.pregnant");
    }

    [Theory]
    [InlineData(StatinExposure.Current)]
    [InlineData(StatinExposure.Never)]
    [InlineData(StatinExposure.Unknown)]
    [InlineData(null)]
    public void Validate_StoppedWeeksAgoWithoutPastStatin_IsRejectedAtStoppedWeeksAgo(StatinExposure? exposure)
    {
        var builder = Case.WithCk(100).Build().ToBuilder().Number("statin.stoppedWeeksAgo", 4);
        var findings = (exposure is { } given ? builder.Choice("statin.exposure", given) : builder).Build();

        Validate(findings).Errors.Select(e => e.PropertyName).Should().Equal("statin.stoppedWeeksAgo");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5200)]
    public void Validate_StoppedWeeksAgoWithPastStatin_IsAllowed(double weeks)
    {
        var findings = Case.WithCk(100).Statin(StatinExposure.Past).Build().ToBuilder().Number("statin.stoppedWeeksAgo", weeks).Build();

        Validate(findings).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_StoppedWeeksAgoOutOfRange_KeysErrorByPath()
    {
        var findings = Case.WithCk(100).Statin(StatinExposure.Past).Build().ToBuilder().Number("statin.stoppedWeeksAgo", 5201).Build();

        Validate(findings).Errors.Select(e => e.PropertyName).Should().Equal("statin.stoppedWeeksAgo");
    }

    [Fact]
    public void Validate_PregnantWithSexUnknown_IsAllowed()
    {
        Validate(Case.WithCk(100).Patient(pregnant: true).Build()).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_BadCkValue_KeysErrorByPath(double value)
    {
        Validate(Case.WithCk(value).Build()).Errors.Select(e => e.PropertyName).Should().Contain("ck.value");
    }

    [Fact]
    public void Validate_ZeroUln_KeysErrorByPath()
    {
        Validate(Case.WithCk(100, uln: 0).Build()).Errors.Select(e => e.PropertyName).Should().Equal("ck.upperLimitOfNormal");
    }

    [Fact]
    public void Validate_BiopsyNotPerformedButResultsGiven_IsRejected()
    {
        var findings = Case.WithCk(100).Build().ToBuilder().Boolean("biopsy.performed", false).Choice("biopsy.pattern", BiopsyPattern.Necrotizing).Build();

        Validate(findings).Errors.Select(e => e.PropertyName).Should().Equal("biopsy.performed");
    }

    [Fact]
    public void Validate_LongCaseId_IsRejected()
    {
        Validate(Case.WithCk(100).Build().ToBuilder().CaseId(new string('x', 65)).Build()).Errors.Select(e => e.PropertyName).Should().Equal("caseId");
    }

    [Fact]
    public void Validate_Errors_NeverRepeatTheValueSent()
    {
        var findings = Case.WithCk(-98765).Patient(ageYears: 4321, weightKg: 5555, sex: Sex.Male, pregnant: true, heightCm: 7777).Build().ToBuilder().CaseId(new string('Q', 70)).Build();

        var messages = string.Join("\n", Validate(findings).Errors.Select(e => e.ErrorMessage));

        messages.Should().NotContain("98765").And.NotContain("4321").And.NotContain("5555").And.NotContain("7777").And.NotContain("QQQQ");
    }

    [Theory]
    [InlineData(39.9)]
    [InlineData(250.1)]
    public void Validate_HeightOutOfRange_KeysErrorByPathWithTheSchemasRange(double height)
    {
        var errors = Validate(Case.WithCk(100).Patient(heightCm: height).Build()).Errors;

        errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("patient.heightCm must be between 40 and 250.");
    }

    [Theory]
    [InlineData(40)]
    [InlineData(250)]
    public void Validate_HeightAtEitherEnd_IsAccepted(double height)
    {
        Validate(Case.WithCk(100).Patient(heightCm: height).Build()).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_HeightAlone_IsAFinding()
    {
        Validate(new FindingsBuilder().Number("patient.heightCm", 172).Build()).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Build_NaNNumber_IsRefusedNotReadAsUnknown()
    {
        var build = () => Case.WithCk(double.NaN);

        build.Should().Throw<ArgumentException>();
    }
}
