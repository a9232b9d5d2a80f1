using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>
/// The README's fact table is what rule authors read: it must name every fact the loader accepts that is not a
/// finding read as it is (those are the findings schema's fields, which the table points to as a whole).
/// </summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Readme_FactTable_NamesEveryFact()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        var findings = Engine.Cases.FindingsSchema.Fields.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

        readme.Should().Contain("every field of the findings schema", "the table points rule authors to the findings as a whole");
        FactCatalog.All.Select(f => f.Name).Where(name => !findings.Contains(name) && !readme.Contains($"`{name}`", StringComparison.Ordinal))
            .Should().BeEmpty("every derived fact in FactCatalog must be documented in the README's fact table");
    }
}
