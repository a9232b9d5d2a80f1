using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>The code lists are data: shipped defaults, local additions merged in, mistakes refused at start-up.</summary>
public sealed class CodeListTests
{
    [Fact]
    public void Load_Defaults_HoldTheDesignsCodes()
    {
        var lists = CodeListLoader.Load(null, null);

        lists.Ck.Should().ContainSingle(c => c.System == "http://loinc.org" && c.Code == "2157-6");
        lists.Hmgcr.Should().Contain(c => c.Code == "93493-5");
        lists.Srp.Should().Contain(c => c.Code == "33921-8");
        lists.OtherMyositisAntibodies["jo1"].Should().Contain(c => c.Code == "5234-0");
        lists.Statins.AtcPrefixes.Should().BeEquivalentTo("C10AA", "C10BA", "C10BX");
        lists.Statins.Ingredients.SelectMany(i => i.RxNorm).Should().Contain(["6472", "36567", "41127", "42463", "83367", "301542", "861634"]);
        lists.Results.PositiveValues.Should().Contain(c => c.Code == "10828004");
        lists.Results.NegativeValues.Should().Contain(c => c.Code == "260385009");
    }

    [Theory]
    [InlineData("""[ { "coding": [ { "code": "H" } ] } ]""", true)]
    [InlineData("""[ { "coding": [ { "code": "N" } ] }, { "coding": [ { "code": "L" } ] } ]""", false)]
    [InlineData("""[ { "coding": [ { "code": "N" } ] }, { "coding": [ { "code": "H" } ] } ]""", null)]
    [InlineData("""[ { "coding": [ { "code": "HH" }, { "code": "N" } ] } ]""", null)]
    public void LabInterpretation_CodesThatDisagree_AreNotRead(string interpretation, bool? high)
    {
        var observation = FhirTestData.Observation($$"""{ "interpretation": {{interpretation}} }""");

        var read = CdsFixtures.Codes.Findings.LabInterpretation(observation.Interpretation);

        (read is { } found ? found.High : (bool?)null).Should().Be(high);
    }

    [Fact]
    public void Load_LocalAdditions_AreAddedWithoutDroppingDefaults()
    {
        var lists = CodeListLoader.Load(null, new CdsCodeLists
        {
            Ck = [new CodeRef { System = "http://lab.example.org/codes", Code = "CK" }],
            OtherMyositisAntibodies = new() { ["Jo1"] = [new CodeRef { System = "http://lab.example.org/codes", Code = "JO1" }], ["mda5"] = [new CodeRef { System = "http://lab.example.org/codes", Code = "MDA5" }] },
        });

        lists.Ck.Select(c => c.Code).Should().Equal("2157-6", "CK");
        lists.OtherMyositisAntibodies["jo1"].Select(c => c.Code).Should().Equal("5234-0", "33571-1", "JO1");
        lists.OtherMyositisAntibodies["mda5"].Should().ContainSingle();
    }

    [Fact]
    public void CodeBook_UnknownAntibodyName_IsRefusedWithItsName()
    {
        var act = () => new CodeBook(CodeListLoader.Load(null, new CdsCodeLists
        {
            OtherMyositisAntibodies = new() { ["anti-jo1"] = [new CodeRef { System = "http://lab.example.org/codes", Code = "J" }] },
        }));

        act.Should().Throw<InvalidOperationException>().WithMessage("*'anti-jo1' is not an antibody of the contract*");
    }

    [Fact]
    public void CodeBook_CodeWithoutSystem_IsRefused()
    {
        var act = () => new CodeBook(CodeListLoader.Load(null, new CdsCodeLists { Ck = [new CodeRef { Code = "CK" }] }));

        act.Should().Throw<InvalidOperationException>().WithMessage("*ck: every code needs a system and a code*");
    }

    [Fact]
    public void CodeBook_SameCodeForTwoAntibodies_IsRefused()
    {
        var act = () => new CodeBook(CodeListLoader.Load(null, new CdsCodeLists { Srp = [new CodeRef { System = "http://loinc.org", Code = "93493-5" }] }));

        act.Should().Throw<InvalidOperationException>().WithMessage("*93493-5 is also listed for hmgcr*");
    }

    [Fact]
    public void Load_FileWithAMisspeltList_IsRefused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cds-codes-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "ck": [], "hmgcrr": [] }""");
        try
        {
            var act = () => CodeListLoader.Load(file, null);

            act.Should().Throw<InvalidOperationException>().WithMessage("*is not valid*");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_MissingFile_IsRefusedWithItsPath()
    {
        var act = () => CodeListLoader.Load("/nonexistent/cds-codes.json", null);

        act.Should().Throw<InvalidOperationException>().WithMessage("*/nonexistent/cds-codes.json*does not exist*");
    }

    [Fact]
    public void CodeBook_BiopsyText_WithNegationIsNotMatched()
    {
        var codes = CdsFixtures.Codes;

        codes.BiopsyPatternOf(new() { Text = "Necrotizing myopathy" })!.Value.Pattern.Should().Be(Engine.Cases.BiopsyPattern.Necrotizing);
        codes.BiopsyPatternOf(new() { Text = "No evidence of necrotizing myopathy" }).Should().BeNull();
        codes.BiopsyPatternOf(new() { Text = "Abnormal muscle" }).Should().BeNull("'normal muscle' matches whole words only");
    }
}
