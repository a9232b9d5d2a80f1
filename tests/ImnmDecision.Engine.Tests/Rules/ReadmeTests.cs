using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Rules;

/// <summary>The README's fact table is what rule authors read: it must name every fact the loader accepts.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Readme_FactTable_NamesEveryFact()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        FactCatalog.All.Select(f => f.Name).Where(name => !readme.Contains($"`{name}`", StringComparison.Ordinal))
            .Should().BeEmpty("every fact in FactCatalog must be documented in the README's fact table");
    }
}
